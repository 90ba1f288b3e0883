import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ID_PATTERN, newId, type MailMessage, type Mailer } from '@porchlight/core';
import { renderEmail, type RenderedEmail } from './render.js';

/**
 * A message as it was "sent": what the server asked for, rendered, with an id and a time. In
 * the outbox folder an attachment's bytes are a file of their own: its JSON names the `file`
 * (beside the JSON) and the `size` instead of holding the `content`.
 */
export type SentEmail = MailMessage & RenderedEmail & { id: string; time: string };

/** How an attachment is written in an outbox JSON file. */
export interface OutboxAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** The file beside the JSON holding the bytes: `<id>-<n>.<ext>`. */
  file: string;
}

type WithoutAttachments<T> = T extends unknown ? Omit<T, 'attachments'> : never;
/** A message read back from an outbox folder: attachments name their files. */
export type OutboxEmail = WithoutAttachments<SentEmail> & { attachments?: OutboxAttachment[] };

async function renderSent(message: MailMessage): Promise<SentEmail> {
  const rendered = await renderEmail(message);
  return { id: newId(), time: new Date().toISOString(), ...message, ...rendered };
}

export interface OutboxOptions {
  /** Folder to write into (created when missing). */
  dir: string;
  /** Log one line per message with the path of its HTML file. Default true. */
  log?: boolean;
}

/**
 * The development mailer: nothing leaves the machine. Every message becomes `<id>.json`
 * (SentEmail) and `<id>.html` in `dir`; ids sort by time, so the folder lists in send order.
 */
export function createOutboxMailer({ dir, log = true }: OutboxOptions): Mailer {
  if (!dir) throw new TypeError('createOutboxMailer: pass `dir`, the folder to write emails into.');
  const folder = resolve(dir);
  return {
    async send(message) {
      const sent = await renderSent(message);
      await mkdir(folder, { recursive: true });
      const base = join(folder, sent.id);
      await writeFile(`${base}.html`, sent.html);
      // Attachments as files of their own (never the bytes inside the JSON), named by the id and a number only.
      const attachments: OutboxAttachment[] = [];
      for (const [i, a] of (message.attachments ?? []).entries()) {
        const ext = /\.([A-Za-z0-9]{1,8})$/.exec(a.filename)?.[1]?.toLowerCase() ?? 'bin';
        const file = `${sent.id}-${i + 1}.${ext}`;
        await writeFile(join(folder, file), a.content);
        attachments.push({ filename: a.filename, contentType: a.contentType, size: a.content.length, file });
      }
      const json = attachments.length ? { ...sent, attachments } : sent;
      // Written under another name, then renamed: a reader never sees half a JSON file.
      await writeFile(`${base}.json.tmp`, JSON.stringify(json, null, 2));
      await rename(`${base}.json.tmp`, `${base}.json`);
      if (log) console.info(`[porchlight outbox] ${sent.template} to ${sent.to.email}: "${sent.subject}" -> ${base}.html`);
    },
  };
}

/** The messages in an outbox folder, newest first (at most `limit`, default 50); none when the folder does not exist. */
export async function readOutbox(dir: string, { limit = 50 }: { limit?: number } = {}): Promise<OutboxEmail[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const ids = names
    .filter((n) => n.endsWith('.json') && ID_PATTERN.test(n.slice(0, -5)))
    .map((n) => n.slice(0, -5))
    .sort()
    .reverse()
    .slice(0, Math.max(0, limit));
  return Promise.all(ids.map(async (id) => JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as OutboxEmail));
}

export interface MemoryMailer extends Mailer {
  /** Every message sent, rendered, oldest first. */
  readonly sent: SentEmail[];
  /** The newest message, or the newest to this address (case-insensitive). */
  last(to?: string): SentEmail | undefined;
  clear(): void;
}

/** A mailer for tests: renders each message (so a bad one fails as it would in production) and keeps it. */
export function createMemoryMailer(): MemoryMailer {
  const sent: SentEmail[] = [];
  return {
    sent,
    async send(message) {
      sent.push(await renderSent(message));
    },
    last(to) {
      return [...sent].reverse().find((m) => !to || m.to.email.toLowerCase() === to.toLowerCase());
    },
    clear() {
      sent.length = 0;
    },
  };
}
