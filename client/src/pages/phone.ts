// The "Open on your phone" page is rendered on the server (its QR code and notice need no script); this adds the header.
import { mountNav } from '../components/nav.js';
import { pageIsReady } from '../lib/ready.js';

await mountNav();
pageIsReady();
