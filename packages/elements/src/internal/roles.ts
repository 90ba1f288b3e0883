/** How an account user's role reads in the portal's elements. */
export const ROLE_NAMES: Record<string, string> = { manager: 'Account manager', staff: 'Office staff', client: 'Client' };
