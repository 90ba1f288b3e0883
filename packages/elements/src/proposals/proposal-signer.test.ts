import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ESIGN_CONSENT_TEXT, ESIGN_CONSENT_VERSION, SIGN_INTENT_TEXT, SIGN_INTENT_VERSION } from '@porchlight/client';
import './define.js';
import { PorchlightProposalSigner } from './proposal-signer.js';
import { dana, fakeApi, staffUser, type FakeUser } from '../testing/fake-api.js';
import { button, deepActive, input, mountPortal, settle, shadowText, type, until } from '../testing/helpers.js';
import { acceptRoute, consentRoute, documentRoute, drawSignature, rejectRoute, withProposals, type FakeProposalSeed } from './fake-proposals.js';

const OPEN: FakeProposalSeed = { number: 'P-1001', title: 'Front door upgrade' };
const decider = staffUser({ username: 'kim', name: 'Kim Office', permissions: ['invoices.view', 'proposals.decide'] });
const reader = staffUser({ username: 'lou', name: 'Lou Reader', permissions: ['invoices.view'] });

interface MountOptions {
  seeds?: FakeProposalSeed[];
  number?: string;
  user?: FakeUser;
  emulatedBy?: { adminId: string; name: string };
  consented?: boolean;
  width?: string;
}

async function mount(o: MountOptions = {}) {
  const api = fakeApi({ users: [dana, decider, reader] });
  const state = await withProposals(api, o.seeds ?? [OPEN]);
  const user = o.user ?? dana;
  if (o.consented) state.giveConsent(user);
  const client = state.client(user, o.emulatedBy);
  const record = state.byNumber(o.number ?? (o.seeds ?? [OPEN])[0]!.number);
  const view = await mountPortal<PorchlightProposalSigner>(html`<porchlight-proposal-signer proposal-id=${record.id}></porchlight-proposal-signer>`, { api, client });
  if (o.width) view.portal.style.width = o.width;
  await until(view.el, record.title);
  await settle(view.el);
  return { ...view, state, record };
}

const root = (el: Element) => el.shadowRoot!;
const canvasOf = (el: Element) => root(el).querySelector<HTMLCanvasElement>('canvas#signature')!;
const alertText = (el: Element) => root(el).querySelector('[part="error"]')!.textContent!.replace(/\s+/g, ' ').trim();
const noticeText = (el: Element) => root(el).querySelector('[part="notice"]')!.textContent!.replace(/\s+/g, ' ').trim();
const stepTitle = (el: Element) => root(el).querySelector('#step-title')?.textContent?.trim() ?? null;
const hasButton = (el: Element, text: string) => [...root(el).querySelectorAll('button')].some((b) => b.textContent!.trim() === text);
const decisionText = (el: Element) => root(el).querySelector('.decision')!.textContent!.replace(/\s+/g, ' ').trim();

/** Stubs the object URL API and anchor clicks, so a download is recorded instead of saved. */
function stubSaving() {
  const created: Blob[] = [];
  const clicked: { href: string; download: string }[] = [];
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL, click: HTMLAnchorElement.prototype.click };
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    created.push(blob as Blob);
    return `blob:fake/${created.length}`;
  };
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    clicked.push({ href: this.getAttribute('href')!, download: this.download });
  };
  return {
    created,
    clicked,
    restore() {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
      HTMLAnchorElement.prototype.click = original.click;
    },
  };
}

/** Accept → (consent) → the signing step. */
async function toSigning(el: PorchlightProposalSigner): Promise<void> {
  button(el, 'Accept').click();
  await settle(el);
  if (stepTitle(el) === 'Agree to sign electronically') {
    root(el).querySelector<HTMLInputElement>('input#agree')!.click();
    button(el, 'Continue').click();
    await waitUntil(() => stepTitle(el) === 'Sign to accept', 'signing step');
  }
  await settle(el);
}

describe('porchlight-proposal-signer', () => {
  let saving: ReturnType<typeof stubSaving>;
  beforeEach(() => {
    saving = stubSaving();
  });
  afterEach(() => saving.restore());

  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-proposal-signer')).to.equal(PorchlightProposalSigner);
    await import('./define.js');
    expect(customElements.get('porchlight-proposal-signer')).to.equal(PorchlightProposalSigner);
  });

  it('shows the proposal: title, number, salesperson, lines, subtotal, tax, total, terms with line breaks, expiry, status', async () => {
    const { el, record } = await mount();
    expect(root(el).querySelector('#title')!.textContent!.trim()).to.equal('Front door upgrade');
    expect(shadowText(el)).to.include('Proposal P-1001 from Lakeside Alarm Co.');
    const details = root(el).querySelector('[part="details"]')!;
    const pairs = [...details.querySelectorAll('div')].map((d) => `${d.querySelector('dt')!.textContent!.trim()}: ${d.querySelector('dd')!.textContent!.replace(/\s+/g, ' ').trim()}`);
    expect(pairs.slice(0, 3)).to.deep.equal(['Number: P-1001', 'Status: Open', 'Total: $513.00']);
    expect(pairs[3]).to.match(/^Open until: .*2026/);
    expect(pairs[4]).to.equal('Salesperson: Riley Chen · riley@lakeside.example');
    expect(details.querySelector('a')!.getAttribute('href')).to.equal('mailto:riley@lakeside.example');
    expect(details.querySelector('time')!.getAttribute('datetime')).to.equal(record.expiresAt);
    const tag = root(el).querySelector('.status')!;
    expect(tag.textContent!.trim()).to.equal('Open');
    expect(tag.classList.contains('status-open')).to.equal(true);
    const rows = [...root(el).querySelectorAll('table.lines tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.querySelector('.cell-value')?.textContent ?? c.textContent!.trim()));
    expect(rows).to.deep.equal([
      ['Wireless door and window sensor', '4', '$45.00', '$180.00'],
      ['Touchscreen keypad\nwith installation', '1', '$320.00', '$320.00'],
      ['Loyalty discount', '1', '-$25.00', '-$25.00'],
    ]);
    const totals = [...root(el).querySelectorAll('[part="totals"] div')].map((d) => `${d.querySelector('dt')!.textContent} ${d.querySelector('dd')!.textContent}`);
    expect(totals).to.deep.equal(['Subtotal $475.00', 'Tax $38.00', 'Total $513.00']);
    const terms = root(el).querySelector<HTMLElement>('[part="terms"]')!;
    expect(terms.textContent).to.equal(record.terms);
    expect(terms.textContent).to.include('\n');
    expect(getComputedStyle(terms).whiteSpace).to.equal('pre-wrap');
    expect(hasButton(el, 'Accept') && hasButton(el, 'Reject') && hasButton(el, 'Print / PDF')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('"Print / PDF" downloads the exact document with the session and saves it under its name', async () => {
    const { el, api, record } = await mount();
    button(el, 'Print / PDF').click();
    await until(el, `Downloading ${record.document.filename}.`);
    const [call] = api.callsTo(documentRoute(record.id));
    expect(call!.headers.authorization).to.match(/^Bearer /);
    expect(saving.clicked).to.deep.equal([{ href: 'blob:fake/1', download: record.document.filename }]);
    expect(new Uint8Array(await saving.created[0]!.arrayBuffer())).to.deep.equal(record.documentBytes);
  });

  it('asks for consent once: the text, a required checkbox, then signing; remembered on the next proposal', async () => {
    const { el, api, state, record } = await mount({ seeds: [OPEN, { number: 'P-1002', title: 'Garage camera' }] });
    button(el, 'Accept').click();
    await settle(el);
    expect(stepTitle(el)).to.equal('Agree to sign electronically');
    expect(deepActive() === root(el).querySelector('#step-title'), 'focus').to.equal(true);
    expect(root(el).querySelector('[part="consent-text"]')!.textContent).to.equal(ESIGN_CONSENT_TEXT);
    expect(root(el).querySelector('label[for="agree"]')!.textContent).to.equal('I agree to sign electronically');
    await expect(el).to.be.accessible();

    button(el, 'Continue').click();
    await settle(el);
    expect(root(el).querySelector('#agree-error')!.textContent).to.match(/Tick "I agree to sign electronically"/);
    expect(root(el).querySelector('input#agree')!.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive() === root(el).querySelector('input#agree'), 'focus').to.equal(true);
    expect(api.callsTo(consentRoute(record.id))).to.have.length(0);

    root(el).querySelector<HTMLInputElement>('input#agree')!.click();
    button(el, 'Continue').click();
    await waitUntil(() => stepTitle(el) === 'Sign to accept', 'signing step');
    expect(api.callsTo(consentRoute(record.id)).map((c) => c.body)).to.deep.equal([{ consentVersion: ESIGN_CONSENT_VERSION }]);
    expect(state.consents).to.have.length(1);

    // Cancel, then Accept again: no consent step this time.
    button(el, 'Cancel').click();
    await settle(el);
    expect(stepTitle(el)).to.equal(null);
    expect(deepActive() === button(el, 'Accept'), 'focus').to.equal(true);
    button(el, 'Accept').click();
    await settle(el);
    expect(stepTitle(el)).to.equal('Sign to accept');

    // Another proposal: the server says this login consented already.
    el.proposalId = state.byNumber('P-1002').id;
    await until(el, 'Garage camera');
    await settle(el);
    button(el, 'Accept').click();
    await settle(el);
    expect(stepTitle(el)).to.equal('Sign to accept');
    expect(api.calls.filter((c) => c.path.endsWith('/consent'))).to.have.length(1);
  });

  it('the signing step: the intent right above the pad, an accessible canvas with instructions and the way out for those who cannot draw', async () => {
    const { el } = await mount({ consented: true });
    await toSigning(el);
    const intent = root(el).querySelector('[part="intent"]')!;
    expect(intent.textContent).to.equal(SIGN_INTENT_TEXT);
    expect(intent.nextElementSibling!.getAttribute('part')).to.equal('signature-pad');
    const canvas = canvasOf(el);
    expect(canvas.getAttribute('role')).to.equal('img');
    expect(canvas.getAttribute('aria-label')).to.equal('Signature pad: empty');
    const described = canvas.getAttribute('aria-describedby')!.split(' ').map((id) => root(el).getElementById(id)!.textContent!.trim());
    expect(described.join(' ')).to.include('Draw your signature in the box with a mouse, a pen or your finger.');
    expect(described.join(' ')).to.include(SIGN_INTENT_TEXT);
    expect(described.join(' ')).to.match(/cannot be drawn with a keyboard or a screen reader\. If you cannot draw it, contact Lakeside Alarm Co\./);
    expect(getComputedStyle(canvas).touchAction).to.equal('none');
    expect(root(el).querySelector('porchlight-text-field[name="typedName"]')!.getAttribute('label')).to.equal('Your full name');
    await expect(el).to.be.accessible();
  });

  it('the canvas is sized to its box with devicePixelRatio and redrawn from its data when the box changes', async () => {
    const { el, portal } = await mount({ consented: true, width: '640px' });
    await toSigning(el);
    const canvas = canvasOf(el);
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    await waitUntil(() => canvas.width === Math.round(canvas.clientWidth * ratio), 'sized');
    expect(canvas.height).to.equal(Math.round(canvas.clientHeight * ratio));
    await drawSignature(canvas);
    await settle(el);
    const before = canvas.getAttribute('aria-label');
    expect(before).to.equal('Signature pad: signature drawn (1 stroke)');
    const inked = () => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]) n++;
      return n;
    };
    expect(inked()).to.be.above(50);
    portal.style.width = '420px';
    await waitUntil(() => canvas.width === Math.round(canvas.clientWidth * ratio) && canvas.clientWidth < 420, 'resized');
    await settle(el);
    expect(inked(), 'drawn again after the resize').to.be.above(50);
    expect(canvas.getAttribute('aria-label')).to.equal(before);
  });

  it('a passing resize (narrower, then back) gives the same signature back, not a shrunken one', async () => {
    const { el, portal } = await mount({ consented: true, width: '640px' });
    await toSigning(el);
    const canvas = canvasOf(el);
    const ratio = Math.max(1, window.devicePixelRatio || 1);
    await waitUntil(() => canvas.width === Math.round(canvas.clientWidth * ratio), 'sized');
    await drawSignature(canvas);
    await settle(el);
    const inkBox = () => {
      const { data, width } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let minX = Infinity;
      let maxX = -1;
      for (let i = 3; i < data.length; i += 4) {
        if (!data[i]) continue;
        const x = ((i - 3) / 4) % width;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
      }
      return maxX - minX;
    };
    const wide = inkBox();
    const full = canvas.clientWidth;
    portal.style.width = '260px';
    await waitUntil(() => canvas.clientWidth < full && canvas.width === Math.round(canvas.clientWidth * ratio), 'narrowed');
    portal.style.width = '640px';
    await waitUntil(() => canvas.clientWidth === full && canvas.width === Math.round(full * ratio), 'widened again');
    await settle(el);
    expect(Math.abs(inkBox() - wide), `ink width ${inkBox()} vs ${wide} before`).to.be.below(wide * 0.05 + 2);
  });

  it('refuses a blank pad without sending anything, and the typed name is required', async () => {
    const { el, api, record } = await mount({ consented: true });
    await toSigning(el);
    button(el, 'Sign and accept').click();
    await settle(el);
    expect(root(el).querySelector('#signature-error')!.textContent).to.equal('Draw your signature in the box.');
    expect(root(el).querySelector('porchlight-text-field[name="typedName"]')!.getAttribute('error') ?? (root(el).querySelector('porchlight-text-field[name="typedName"]') as unknown as { error: string }).error).to.equal('Type your full name.');
    expect(alertText(el)).to.equal('Check the highlighted fields.');
    expect(api.callsTo(acceptRoute(record.id))).to.have.length(0);

    type(el, 'typedName', 'Dana Reyes');
    button(el, 'Sign and accept').click();
    await settle(el);
    expect(alertText(el)).to.equal('Draw your signature in the box.');
    expect(deepActive() === canvasOf(el), 'focus on the pad, which describes the problem').to.equal(true);
    expect(canvasOf(el).getAttribute('aria-describedby')).to.include('signature-error');
    expect(api.callsTo(acceptRoute(record.id))).to.have.length(0);
    await expect(el).to.be.accessible();

    // A signature, but no name.
    type(el, 'typedName', '  ');
    await drawSignature(canvasOf(el));
    await settle(el);
    expect(root(el).querySelector('#signature-error'), 'drawing clears the error').to.equal(null);
    button(el, 'Sign and accept').click();
    await settle(el);
    expect(alertText(el)).to.equal('Type your full name.');
    expect(deepActive() === input(el, 'typedName'), 'focus').to.equal(true);
    expect(api.callsTo(acceptRoute(record.id))).to.have.length(0);
  });

  it('refuses a dot or a short line as a signature', async () => {
    const { el, api, record } = await mount({ consented: true });
    await toSigning(el);
    type(el, 'typedName', 'Dana Reyes');
    await drawSignature(canvasOf(el), { points: 3 });
    await settle(el);
    button(el, 'Sign and accept').click();
    await settle(el);
    expect(alertText(el)).to.equal('This is too short to be a signature. Draw your full signature in the box.');
    expect(api.callsTo(acceptRoute(record.id))).to.have.length(0);
  });

  it('Clear empties the pad', async () => {
    const { el, api, record } = await mount({ consented: true });
    await toSigning(el);
    await drawSignature(canvasOf(el));
    await settle(el);
    expect(canvasOf(el).getAttribute('aria-label')).to.equal('Signature pad: signature drawn (1 stroke)');
    button(el, /^Clear/).click();
    await settle(el);
    expect(canvasOf(el).getAttribute('aria-label')).to.equal('Signature pad: empty');
    const data = canvasOf(el).getContext('2d')!.getImageData(0, 0, canvasOf(el).width, canvasOf(el).height).data;
    expect(data.some((b, i) => i % 4 === 3 && b !== 0)).to.equal(false, 'no ink left');
    type(el, 'typedName', 'Dana Reyes');
    button(el, 'Sign and accept').click();
    await settle(el);
    expect(alertText(el)).to.equal('Draw your signature in the box.');
    expect(api.callsTo(acceptRoute(record.id))).to.have.length(0);
  });

  it('a signature drawn with the mouse is sent as a PNG data URL with its counts, the document hash and the versions; then Accepted and the signed PDF', async () => {
    const { el, api, state, record, portal } = await mount({ consented: true });
    await toSigning(el);
    type(el, 'typedName', '  Dana   Reyes ');
    await drawSignature(canvasOf(el), { pointerType: 'mouse' });
    await settle(el);
    const decided = oneEvent(portal, 'porchlight-proposal-decided');
    button(el, 'Sign and accept').click();
    const event = (await decided) as CustomEvent;
    await settle(el);
    const [call] = api.callsTo(acceptRoute(record.id));
    const body = call!.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).to.deep.equal(['consentVersion', 'documentSha256', 'intentVersion', 'points', 'signaturePng', 'strokes', 'typedName']);
    expect(body.documentSha256).to.equal(record.document.sha256);
    expect(body.typedName).to.equal('Dana Reyes');
    expect(body.consentVersion).to.equal(ESIGN_CONSENT_VERSION);
    expect(body.intentVersion).to.equal(SIGN_INTENT_VERSION);
    expect(body.strokes).to.equal(1);
    expect(body.points).to.be.within(10, 16);
    expect(String(body.signaturePng)).to.match(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const [accepted] = state.accepted;
    expect(accepted!.image.inkPixels, 'the fake decoded real ink').to.be.above(50);
    expect(accepted!.image.width).to.be.at.least(64);

    expect(event.detail.proposal.status).to.equal('accepted');
    expect(event.bubbles && event.composed).to.equal(true);
    expect(noticeText(el)).to.equal('You accepted proposal P-1001. Download the signed PDF to keep a copy.');
    expect(root(el).querySelector('.status')!.textContent!.trim()).to.equal('Accepted');
    expect(decisionText(el)).to.match(/Accepted Signed by Dana Reyes on .+\. Download signed PDF/);
    expect(root(el).querySelector('.outcome time')!.getAttribute('datetime')).to.equal(state.byNumber('P-1001').decision!.at);
    expect(hasButton(el, 'Accept')).to.equal(false);
    expect(deepActive() === root(el).querySelector('#decision-title'), 'focus').to.equal(true);
    await expect(el).to.be.accessible();

    button(el, 'Download signed PDF').click();
    await until(el, `Downloading ${record.signedDocument!.filename}.`);
    expect(saving.clicked.at(-1)!.download).to.equal('proposal-P-1001-v1-signed.pdf');
    expect(new Uint8Array(await saving.created.at(-1)!.arrayBuffer())).to.deep.equal(record.signedBytes);
  });

  it('a signature drawn with touch (two strokes) is sent with its counts', async () => {
    const { el, state } = await mount({ consented: true, user: decider });
    await toSigning(el);
    type(el, 'typedName', 'Kim Office');
    await drawSignature(canvasOf(el), { pointerType: 'touch', strokes: 2, points: 8 });
    await settle(el);
    expect(canvasOf(el).getAttribute('aria-label')).to.equal('Signature pad: signature drawn (2 strokes)');
    button(el, 'Sign and accept').click();
    await waitUntil(() => state.accepted.length === 1, 'accepted');
    const body = state.accepted[0]!.body;
    expect(body.strokes).to.equal(2);
    expect(body.points).to.be.within(14, 20);
    expect(body.typedName).to.equal('Kim Office');
    await until(el, 'Signed by Kim Office on');
  });

  it('a pen works too', async () => {
    const { el, state } = await mount({ consented: true });
    await toSigning(el);
    type(el, 'typedName', 'Dana Reyes');
    await drawSignature(canvasOf(el), { pointerType: 'pen' });
    await settle(el);
    button(el, 'Sign and accept').click();
    await waitUntil(() => state.accepted.length === 1, 'accepted');
    expect(state.accepted[0]!.body.strokes).to.equal(1);
  });

  it('PROPOSAL_CHANGED: the proposal is loaded again and the signer is told to review it; signing the new version works', async () => {
    const { el, api, state, record } = await mount({ consented: true });
    const first = record.document.sha256;
    await toSigning(el);
    type(el, 'typedName', 'Dana Reyes');
    await drawSignature(canvasOf(el));
    await settle(el);
    await state.bump('P-1001', { title: 'Front door upgrade (revised)' });
    button(el, 'Sign and accept').click();
    await until(el, 'Front door upgrade (revised)');
    await settle(el);
    expect(api.callsTo(acceptRoute(record.id))[0]!.body.documentSha256).to.equal(first);
    expect(state.accepted).to.have.length(0);
    expect(alertText(el)).to.equal('This proposal changed after you opened it: it is now version 2. Review it again before you decide. The proposal below is the latest version.');
    expect(deepActive() === root(el).querySelector('[part="error"] .alert-box'), 'focus on the message').to.equal(true);
    expect(stepTitle(el), 'back to reading it').to.equal(null);
    expect(root(el).querySelector('[part="details"]')!.textContent).to.include('version 2');

    await toSigning(el);
    expect((root(el).querySelector('porchlight-text-field[name="typedName"]') as unknown as { value: string }).value).to.equal('Dana Reyes');
    await drawSignature(canvasOf(el));
    await settle(el);
    button(el, 'Sign and accept').click();
    await waitUntil(() => state.accepted.length === 1, 'accepted');
    expect(state.accepted[0]!.body.documentSha256).to.equal(state.byNumber('P-1001').document.sha256);
    expect(state.accepted[0]!.body.documentSha256).to.not.equal(first);
  });

  it('PROPOSAL_CLOSED: a proposal withdrawn meanwhile says it is no longer open and shows its state', async () => {
    const { el, state } = await mount({ consented: true });
    await toSigning(el);
    type(el, 'typedName', 'Dana Reyes');
    await drawSignature(canvasOf(el));
    await settle(el);
    state.withdraw('P-1001');
    button(el, 'Sign and accept').click();
    await until(el, 'no longer open');
    await settle(el);
    expect(alertText(el)).to.equal('This proposal is no longer open. This proposal was withdrawn by the company that sent it.');
    expect(root(el).querySelector('.status')!.textContent!.trim()).to.equal('Withdrawn');
    expect(decisionText(el)).to.include('Lakeside Alarm Co. withdrew this proposal.');
    expect(hasButton(el, 'Accept') || hasButton(el, 'Sign and accept')).to.equal(false);
  });

  it('reject: reasons as checkboxes, "Something else" needs a note, a confirmation, then the chosen reasons are sent', async () => {
    const { el, api, state, record, portal } = await mount();
    button(el, 'Reject').click();
    await settle(el);
    expect(stepTitle(el)).to.equal('Reject this proposal');
    const labels = [...root(el).querySelectorAll('fieldset .check label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['The price', 'The timing', 'What is included', 'We went with another company', 'Something else']);
    await expect(el).to.be.accessible();

    button(el, 'Reject proposal').click();
    await settle(el);
    expect(root(el).querySelector('#reasons-error')!.textContent).to.equal('Choose at least one reason.');
    expect(deepActive() === root(el).querySelector('input[name="reasons"]'), 'focus').to.equal(true);

    root(el).querySelector<HTMLInputElement>('input[value="price"]')!.click();
    root(el).querySelector<HTMLInputElement>('input[value="other"]')!.click();
    await settle(el);
    expect(root(el).querySelector('#reasons-error')).to.equal(null);
    expect(root(el).querySelector('label[for="note"]')!.textContent).to.equal('Tell us more');
    button(el, 'Reject proposal').click();
    await settle(el);
    expect(root(el).querySelector('#note-error')!.textContent).to.match(/Say what the other reason is/);
    expect(root(el).querySelector('textarea#note')!.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive() === root(el).querySelector('textarea#note'), 'focus').to.equal(true);
    expect(root(el).querySelector('dialog')).to.equal(null);

    const note = root(el).querySelector<HTMLTextAreaElement>('textarea#note')!;
    note.value = 'We are moving next spring.';
    note.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    button(el, 'Reject proposal').click();
    await settle(el);
    const dialog = root(el).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.include('Reject proposal P-1001?');
    expect(dialog.textContent).to.include('why: the price, something else');
    expect(deepActive() === dialog.querySelector('[data-cancel]'), 'focus').to.equal(true);
    expect(api.callsTo(rejectRoute(record.id))).to.have.length(0);
    await expect(el).to.be.accessible();

    const decided = oneEvent(portal, 'porchlight-proposal-decided');
    dialog.querySelector<HTMLButtonElement>('button.danger')!.click();
    await decided;
    await settle(el);
    expect(api.callsTo(rejectRoute(record.id)).map((c) => c.body)).to.deep.equal([{ reasons: ['price', 'other'], note: 'We are moving next spring.', documentSha256: record.document.sha256 }]);
    expect(state.rejected).to.have.length(1);
    expect(root(el).querySelector('dialog')).to.equal(null);
    expect(root(el).querySelector('.status')!.textContent!.trim()).to.equal('Rejected');
    expect(decisionText(el)).to.match(/Rejected Rejected by Dana Reyes on .+\. Reasons: The price, Something else\. Note: We are moving next spring\./);
    expect(noticeText(el)).to.equal('You rejected proposal P-1001. Riley Chen will be told why.');
  });

  it('reject without "Something else" needs no note', async () => {
    const { el, api, record } = await mount();
    button(el, 'Reject').click();
    await settle(el);
    root(el).querySelector<HTMLInputElement>('input[value="timing"]')!.click();
    await settle(el);
    button(el, 'Reject proposal').click();
    await settle(el);
    root(el).querySelector('dialog')!.querySelector<HTMLButtonElement>('button.danger')!.click();
    await waitUntil(() => api.callsTo(rejectRoute(record.id)).length === 1, 'sent');
    expect(api.callsTo(rejectRoute(record.id))[0]!.body).to.deep.equal({ reasons: ['timing'], documentSha256: record.document.sha256 });
  });

  it('no Accept or Reject without "Accept or reject proposals", and says why', async () => {
    const { el } = await mount({ user: reader });
    expect(hasButton(el, 'Accept') || hasButton(el, 'Reject')).to.equal(false);
    expect(root(el).querySelector('.decision [part="note"]')!.textContent).to.equal(
      'You can read this proposal. To accept or reject proposals, ask your account manager for the "Accept or reject proposals" permission.',
    );
    expect(hasButton(el, 'Print / PDF')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('no Accept or Reject while a dealer admin emulates the user, and says why', async () => {
    const { el } = await mount({ emulatedBy: { adminId: 'adm-1', name: 'admin Pat' } });
    expect(hasButton(el, 'Accept') || hasButton(el, 'Reject')).to.equal(false);
    expect(root(el).querySelector('.decision [part="note"]')!.textContent).to.equal(
      'You are signed in as Dana Reyes by emulation. Only Dana Reyes can accept or reject a proposal, signed in with their own login.',
    );
  });

  it('expired, accepted, rejected and withdrawn proposals show their state only', async () => {
    const seeds: FakeProposalSeed[] = [
      { number: 'P-1', title: 'Old quote', status: 'expired' },
      { number: 'P-2', title: 'Cameras', status: 'accepted', decision: { typedName: 'Dana M. Reyes' } },
      { number: 'P-3', title: 'Smoke detectors', status: 'rejected', decision: { reasons: ['price', 'scope'], note: 'Too many rooms.' } },
      { number: 'P-4', title: 'Gate', status: 'withdrawn' },
    ];
    const expired = await mount({ seeds, number: 'P-1' });
    expect(expired.el.shadowRoot!.querySelector('.status')!.textContent!.trim()).to.equal('Expired');
    expect(decisionText(expired.el)).to.match(/This proposal expired on .+\. It can no longer be accepted or rejected\. Ask Riley Chen for a new one\./);
    expect(shadowText(expired.el)).to.include('Expired');
    expect(hasButton(expired.el, 'Accept')).to.equal(false);
    await expect(expired.el).to.be.accessible();

    const accepted = await mount({ seeds, number: 'P-2' });
    expect(decisionText(accepted.el)).to.match(/Accepted Signed as “Dana M\. Reyes” by Dana Reyes on .+\. Download signed PDF/);
    expect(hasButton(accepted.el, 'Accept') || hasButton(accepted.el, 'Reject')).to.equal(false);

    const rejected = await mount({ seeds, number: 'P-3' });
    expect(decisionText(rejected.el)).to.match(/Reasons: The price, What is included\. Note: Too many rooms\./);
    expect(hasButton(rejected.el, 'Accept')).to.equal(false);

    const withdrawn = await mount({ seeds, number: 'P-4' });
    expect(decisionText(withdrawn.el)).to.include('withdrew this proposal');
    expect(hasButton(withdrawn.el, 'Reject')).to.equal(false);
  });

  it('works at 360 px without horizontal overflow, signing included', async () => {
    const { el, state } = await mount({ consented: true, width: '360px' });
    await settle(el);
    expect(el.scrollWidth).to.be.at.most(360);
    await toSigning(el);
    expect(el.scrollWidth).to.be.at.most(360);
    expect(canvasOf(el).clientWidth).to.be.above(240);
    type(el, 'typedName', 'Dana Reyes');
    await drawSignature(canvasOf(el), { pointerType: 'touch' });
    await settle(el);
    button(el, 'Sign and accept').click();
    await waitUntil(() => state.accepted.length === 1, 'accepted');
    await settle(el);
    expect(el.scrollWidth).to.be.at.most(360);
  });

  it('show-back shows "Back to proposals", which fires porchlight-proposal-back', async () => {
    const { el, record, portal } = await mount();
    el.showBack = true;
    await settle(el);
    const back = root(el).querySelector<HTMLButtonElement>('[part="back-button"]')!;
    expect(back.textContent!.replace(/\s+/g, ' ').trim()).to.equal('← Back to proposals');
    const event = oneEvent(portal, 'porchlight-proposal-back');
    back.click();
    expect(((await event) as CustomEvent).detail).to.deep.equal({ proposalId: record.id });
  });
});
