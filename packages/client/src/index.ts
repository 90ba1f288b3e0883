/**
 * @porchlight/client: a small typed client for the Porchlight API, used by the elements and
 * by teams that build their own UI ("headless"). Runtime imports from core are limited to the
 * error class, the error-code table and the route paths, so no schema library reaches the browser.
 */
export { createClient, filenameFromDisposition, readDownload } from './client.js';
export { ticketsApi, adminTicketsApi } from './tickets.js';
export type { TicketsApi, AdminTicketsApi } from './tickets.js';
export type {
  ActivityQuery,
  ContactsApi,
  ProfileApi,
  MessagesApi,
  DocumentsApi,
  DownloadedDocument,
  StaffApi,
  CheckTokenResult,
  ClientOptions,
  PersistMode,
  PorchlightClient,
  RequestOptions,
  SessionChange,
  SessionChangeReason,
  SessionListener,
  TokenStorage,
  UploadOptions,
} from './client.js';
export { createAdminClient } from './admin-client.js';
export type {
  AccountSearch,
  AdminAccountsApi,
  AdminClient,
  AdminClientOptions,
  AdminMessagesApi,
  AdminSessionChange,
  AdminSessionListener,
  DealerStaffApi,
  Page,
  PageQuery,
} from './admin-client.js';
export { PorchlightClientError, isPorchlightError, parseRetryAfter } from './errors.js';
export type { AnyPorchlightError, ClientErrorCode } from './errors.js';
export { PorchlightError } from '@porchlight/core';
export { PERMISSIONS, PERMISSION_LABELS, STAFF_DEFAULT_PERMISSIONS, ACTIVITY_KINDS, DEALER_STAFF_ROLES } from '@porchlight/core';
export { ADMIN_ABILITIES, DEALER_ROLE_ABILITIES } from '@porchlight/core';
export type {
  Account,
  AuditAction,
  AuditEntry,
  CreateAccountRequest,
  CreateManagerRequest,
  EmulateRequest,
  EmulationResponse,
  UpdateAccountRequest,
} from '@porchlight/core';
export type {
  AcceptedResponse,
  ActivityEntry,
  ActivityKind,
  ActivityPage,
  Actor,
  AdminAbility,
  AdminLoginRequest,
  AdminSessionResponse,
  Contact,
  ContactList,
  CreateContactRequest,
  MessageImportance,
  MessageKind,
  AdminMessage,
  AdminMessagePage,
  CreateMessageRequest,
  UpdateMessageRequest,
  PortalMessage,
  PortalMessageList,
  DocumentContentType,
  PortalDocument,
  PortalDocumentList,
  SharedDocument,
  SharedDocumentList,
  CreateDealerStaffRequest,
  CreateStaffRequest,
  DealerStaffRole,
  Permission,
  PublicDealerStaff,
  Role,
  StaffActionResponse,
  StaffList,
  UpdateContactRequest,
  Address,
  ConfirmEmailResponse,
  ContactChange,
  EventsPage,
  Profile,
  SyncEvent,
  UpdateProfileRequest,
  UpdateProfileResponse,
  UpdateDealerStaffRequest,
  UpdateStaffRequest,
  Branding,
  ChangePasswordRequest,
  ErrorCode,
  FieldErrors,
  ForgotPasswordRequest,
  LoginRequest,
  PortalAccount,
  PublicDealer,
  PublicUser,
  ResetPasswordRequest,
  SessionInfo,
  SessionResponse,
} from '@porchlight/core';
