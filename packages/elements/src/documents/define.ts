import { PorchlightDocuments } from './documents.js';

export const documentsTag = 'porchlight-documents';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(documentsTag)) customElements.define(documentsTag, PorchlightDocuments);

export { PorchlightDocuments };
