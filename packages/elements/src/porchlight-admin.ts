/**
 * The back-office script-tag bundle: registers <porchlight-admin> and the admin elements.
 *   <script type="module" src="https://…/porchlight-admin.js"></script>
 * It shares chunks (lit, the text field, styles) with porchlight.js.
 */
import './admin/define.js';

export * from './admin/index.js';
