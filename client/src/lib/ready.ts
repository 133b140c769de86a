// The server serves each page inert (server/plugins/pages.ts, pageShell): its script loads the page's catalogue before
// it attaches any handler, and until then a click on a form's button would submit the form natively — a GET with the
// fields, a username among them, in the URL. A page calls this once its handlers are attached.

/** The page takes input from now on; data-ready tells a test (tests/support/lab-pages.ts) the same. */
export function pageIsReady() {
  document.body.inert = false;
  document.body.dataset.ready = 'true';
}
