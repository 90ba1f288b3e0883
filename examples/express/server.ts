// node --import tsx --conditions=source examples/express/server.ts
import { createStorage } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs';
import { createOutboxMailer } from '@porchlight/emails';
import { createDealerServer, unstorageStore } from './app.js';

const port = Number(process.env.PORT ?? 8788);
const { app } = createDealerServer({
  store: unstorageStore(createStorage({ driver: fsDriver({ base: '.data/express/store' }) })),
  mailer: createOutboxMailer({ dir: '.data/express/outbox' }),
  apiKey: process.env.PORCHLIGHT_API_KEY ?? 'change-me-change-me-change-me',
  origin: process.env.SITE_ORIGIN ?? `http://127.0.0.1:${port}`,
});
app.listen(port, '127.0.0.1', () => console.log(`Express with Porchlight at http://127.0.0.1:${port}/porchlight/v1/dealer`));
