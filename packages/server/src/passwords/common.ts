/**
 * The worst passwords: those at the top of every breach list that are long enough to pass the
 * length rule. Compared case-insensitively. Deliberately short: it refuses the passwords an
 * attacker tries first without annoying people with composition rules (NIST SP 800-63B).
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '00000000', '000000000', '0123456789', '11111111', '111111111', '1111111111', '11223344', '11qq22ww',
  '12121212', '123123123', '12341234', '1234512345', '12345678', '123456789', '1234567890', '12345678910',
  '1234qwer', '123654789', '12qwaszx', '13131313', '147258369', '147852369', '159753456', '1q2w3e4r',
  '1q2w3e4r5t', '1qaz2wsx', '1qazxsw2', '22222222', '55555555', '66666666', '741852963', '77777777',
  '87654321', '88888888', '987654321', '987654321a', '99999999', 'a1b2c3d4', 'aa123456', 'abc12345',
  'abcd1234', 'abcdefg1', 'abcdefgh', 'access14', 'admin123', 'admin1234', 'adminadmin', 'administrator',
  'alarm123', 'arsenal1', 'asdf1234', 'asdfghjk', 'asdfghjkl', 'asshole1', 'autumn2025', 'autumn2026',
  'babygirl1', 'baseball', 'basketball', 'batman123', 'blahblah', 'changeme', 'changeme1', 'charlie1',
  'chelsea1', 'computer', 'contrasena', 'cookie123', 'corvette', 'december1', 'default1', 'dragon123',
  'flower123', 'football', 'football1', 'freedom1', 'fuckyou1', 'guest123', 'harley123', 'hello123',
  'helloworld', 'iloveyou', 'iloveyou1', 'internet', 'january1', 'jennifer', 'jessica1', 'jordan23',
  'letmein!', 'letmein1', 'letmein123', 'liverpool', 'lovely123', 'loveme123', 'master123', 'michael1',
  'michelle', 'monkey123', 'motdepasse', 'mustang1', 'mypassword', 'nopassword', 'p@ssw0rd', 'p@ssword',
  'pa55word', 'passpass', 'passw0rd', 'password', 'password1', 'password12', 'password123', 'password1234',
  'passwort', 'porchlight', 'portal123', 'princess', 'princess1', 'q1w2e3r4', 'q1w2e3r4t5', 'qwer1234',
  'qwerty!@', 'qwerty12', 'qwerty123', 'qwerty1234', 'qwertyu1', 'qwertyui', 'qwertyuiop', 'root1234',
  'secret123', 'security', 'security1', 'security123', 'shadow123', 'spring2025', 'spring2026', 'starwars',
  'summer2024', 'summer2025', 'summer2026', 'sunshine', 'sunshine1', 'superman', 'test1234', 'testing1',
  'testtest', 'trustno1', 'welcome1', 'welcome123', 'whatever', 'whatever1', 'winter2024', 'winter2025',
  'winter2026', 'zaq12wsx', 'zaq1zaq1', 'zxcvbnm1', 'zxcvbnm123', 'zxcvbnma',
]);
