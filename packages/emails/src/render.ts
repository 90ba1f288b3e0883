import type { MailDealer, MailMessage, MailTemplateName, MailTemplates } from '@porchlight/core';
import { contrast, mj, safeColor, safeEmail, safeFont, safeUrl } from './markup.js';
import type { EmailContent } from './templates/template.js';
import { templates } from './templates/index.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const DEFAULT_COLORS = { primary: '#1f5fae', text: '#1d2733', background: '#f2f4f7', surface: '#ffffff' };

/** The dealer's branding, every value re-validated, with defaults that look fine on their own. */
function brandOf(dealer: MailDealer) {
  const c = dealer.branding?.colors ?? {};
  const primary = safeColor(c.primary) ?? DEFAULT_COLORS.primary;
  const text = safeColor(c.text) ?? DEFAULT_COLORS.text;
  const surface = safeColor(c.surface) ?? DEFAULT_COLORS.surface;
  return {
    primary,
    primaryText: safeColor(c.primaryText) ?? (contrast(primary, '#ffffff') >= contrast(primary, '#111111') ? '#ffffff' : '#111111'),
    text,
    surface,
    background: safeColor(c.background) ?? DEFAULT_COLORS.background,
    // Links sit on the surface: the primary colour unless it is too pale to read there.
    link: contrast(primary, surface) >= 3 ? primary : text,
    font: safeFont(dealer.branding?.font),
    // A logo given as a path resolves against the portal's address; an email needs an absolute URL.
    logoUrl: safeUrl(dealer.branding?.logoUrl, dealer.portalUrl),
  };
}

function layout(dealer: MailDealer, content: EmailContent): string {
  const b = brandOf(dealer);
  const support = safeEmail(dealer.supportEmail);
  const portal = safeUrl(dealer.portalUrl);
  const header = b.logoUrl
    ? mj`<img src="${b.logoUrl}" alt="${dealer.name}" height="40" style="display:block;height:40px;width:auto;max-width:100%;border:0;">`
    : dealer.name;
  return mj`<mjml lang="en">
  <mj-head>
    <mj-title>${content.subject}</mj-title>
    <mj-preview>${content.preview}</mj-preview>
    <mj-attributes>
      <mj-all font-family="${b.font}" />
      <mj-text color="${b.text}" font-size="16px" line-height="1.55" padding="0 0 16px" />
      <mj-button background-color="${b.primary}" color="${b.primaryText}" font-size="16px" font-weight="600" border-radius="6px" inner-padding="14px 24px" padding="8px 0 20px" align="left" />
      <mj-class name="heading" font-size="22px" font-weight="700" line-height="1.3" padding="0 0 20px" />
      <mj-class name="small" font-size="13px" line-height="1.5" />
    </mj-attributes>
    <mj-style>
      a { color: ${b.link}; }
      a.url { word-break: break-all; }
      .footer a { color: ${b.text}; white-space: nowrap; }
    </mj-style>
  </mj-head>
  <mj-body background-color="${b.background}" width="600px">
    <mj-wrapper padding="24px 0 0">
    <mj-section background-color="${b.primary}" padding="18px 28px" border-radius="8px 8px 0 0">
      <mj-column>
        <mj-text color="${b.primaryText}" font-size="20px" font-weight="700" line-height="1.3" padding="0">${header}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${b.surface}" padding="28px 28px 12px" border-radius="0 0 8px 8px">
      <mj-column>${content.html}</mj-column>
    </mj-section>
    </mj-wrapper>
    <mj-section padding="20px 28px 32px">
      <mj-column>
        <mj-text css-class="footer" mj-class="small" padding="0">
          <strong>${dealer.name}</strong>${support && mj` · <a href="mailto:${support}">${support}</a>`}${portal && mj` · <a href="${portal}">Client portal</a>`}<br>
          ${content.reason}
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`.value;
}

function textLayout(dealer: MailDealer, content: EmailContent): string {
  const contacts = [dealer.name, safeEmail(dealer.supportEmail), safeUrl(dealer.portalUrl)].filter(Boolean).join(' · ');
  return `${content.text}\n\n-- \n${contacts}\n${content.reason}\n`;
}

type Mjml = typeof import('mjml');
let mjml: Promise<Mjml> | undefined;
/** mjml takes ~350 ms to import: load it once, on the first email. */
const loadMjml = () => (mjml ??= import('mjml').then((m) => ((m as { default?: Mjml }).default ?? m) as Mjml));

function contentOf<K extends MailTemplateName>(template: K, data: MailTemplates[K], dealer: MailDealer): EmailContent {
  const render = templates[template];
  if (typeof render !== 'function') throw new TypeError(`Unknown email template "${String(template)}".`);
  return render(data, dealer);
}

/** Renders a message into its subject, HTML (MJML, branded for the dealer) and plain-text parts. */
export async function renderEmail(message: MailMessage): Promise<RenderedEmail> {
  const content = contentOf(message.template, message.data, message.dealer);
  // One line, no control characters: a name with a line break must not reach the headers.
  const subject = content.subject.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  const mjml2html = await loadMjml();
  const { html } = await mjml2html(layout(message.dealer, { ...content, subject }), {
    validationLevel: 'strict',
    ignoreIncludes: true,
    keepComments: false,
    fonts: {},
  });
  return { subject, html, text: textLayout(message.dealer, content) };
}
