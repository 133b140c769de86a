// The server serves each page inert (server/plugins/pages.ts, pageShell): its script loads the page's catalogue before
// it attaches any handler, and until then a click on a form's button would submit the form natively — a GET with the
// fields, a username among them, in the URL. A page calls pageIsReady() once its handlers are attached.
//
// A page whose script fails before that (its catalogue does not load, a request at start is refused) would stay inert
// for good: on the first error its links are given back, while its forms still submit nothing natively. i18n.ts
// imports this module first, so these listeners are in place before any page code awaits.
let ready = false;

function giveLinksBack() {
  if (!ready) document.body.inert = false;
}
window.addEventListener('error', giveLinksBack);
window.addEventListener('unhandledrejection', giveLinksBack);
document.addEventListener(
  'submit',
  (event) => {
    if (!ready) event.preventDefault();
  },
  true,
);

/** The page takes input from now on; data-ready tells a test (tests/support/lab-pages.ts) the same. */
export function pageIsReady() {
  ready = true;
  document.body.inert = false;
  document.body.dataset.ready = 'true';
}
