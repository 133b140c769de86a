// English catalogue for the predictor. Exact UI strings carry paraphrase: false; see dialogs.md §4 for their IDs.
// Placeholders: {site}, {caller}, {publisher}, {windows}, {browser}, {version}.

export const en = {
  screens: {
    'windows-security-key': {
      title: 'Windows Security',
      body: "Making sure it's you\nSign in to {site}.\nThis request comes from {caller}, published by {publisher}.\nInsert your security key into the USB port.",
      buttons: ['Cancel'],
      paraphrase: true,
    },
    'windows-hello': {
      title: 'Windows Security',
      body: "Making sure it's you\nSign in to {site} with your face, fingerprint or PIN (Windows Hello).",
      buttons: ['Cancel'],
      paraphrase: true,
    },
    'windows-passkey-chooser': {
      title: 'Windows Security',
      body: 'Choose where to use your passkey for {site}.',
      buttons: ['Next', 'Cancel'],
      paraphrase: true,
    },
    'chrome-mechanism-list': {
      title: 'Choose how to sign in to {site}',
      body: 'Chrome lists the ways it can reach a passkey for {site}.',
      buttons: ['Cancel'],
      paraphrase: true,
    },
    'chrome-qr': {
      title: 'Use a passkey from another device?',
      body: 'Scan this QR code with the device that has the passkey you want to use for {site}',
      buttons: ['Cancel'],
      paraphrase: false,
    },
    'chrome-security-key': {
      title: 'Use your security key with {site}',
      body: 'Insert your security key and touch it',
      buttons: ['Cancel'],
      paraphrase: false,
    },
    'chrome-no-passkeys': {
      title: 'No passkeys available',
      body: "There aren't any passkeys for {site} on this device",
      buttons: ['Close'],
      paraphrase: false,
    },
    'chrome-passkey-list': {
      title: 'Use a saved passkey for {site}',
      body: 'Chrome shows the passkeys it already knows for {site}.',
      buttons: ['Cancel'],
      paraphrase: true,
    },
    'chrome-phone-confirmation': {
      title: 'Use a passkey from your phone to sign in to {site}',
      body: 'Chrome sends a notification to the phone signed in to the same Google account. Check your phone.',
      buttons: ['Cancel'],
      paraphrase: true,
    },
    'chrome-turn-on-bluetooth': {
      title: 'Turn on Bluetooth?',
      body: 'To use a passkey from your phone, this computer needs Bluetooth.',
      buttons: ['Turn on', 'Cancel'],
      paraphrase: true,
    },
    'chrome-turn-on-windows-hello': {
      title: 'Turn on Windows Hello',
      body: 'To sign into this site with a passkey, you need to turn on Windows Hello in settings.',
      buttons: ['Close'],
      paraphrase: true,
    },
    'apple-passkey-sheet': {
      title: 'Sign in to {site}',
      body: 'Use the passkey saved in your Apple account, or a passkey from a nearby device.',
      buttons: ['Continue', 'Cancel'],
      paraphrase: true,
    },
    'apple-security-key': {
      title: 'Use a security key for {site}',
      body: 'Insert and activate your security key.',
      buttons: ['Cancel'],
      paraphrase: true,
    },
    'firefox-security-key': {
      title: '{site} wants to authenticate you using a registered security key',
      body: 'Touch your security key to continue with {site}.',
      buttons: ['Cancel'],
      paraphrase: true,
    },
    'mobile-passkey-sheet': {
      title: 'Use your passkey for {site}?',
      body: "The phone's own passkey sheet: a saved passkey on this phone, or another device / security key.",
      buttons: ['Continue', 'Cancel'],
      paraphrase: true,
    },
    autofill: {
      title: 'No dialog: passkeys in the sign-in field suggestions',
      body: "No window opens. Passkeys for {site} appear under the username field, with 'Use a passkey from another device'.",
      buttons: [],
      paraphrase: true,
    },
    'none-rejected': {
      title: 'No dialog',
      body: 'The browser shows nothing; the page receives NotAllowedError and can show its own sign-in options.',
      buttons: [],
      paraphrase: true,
    },
    'chrome-device-not-usable': {
      title: "Your device can't be used with this site",
      body: 'Chrome found no way on this computer to do what {site} asked for.',
      buttons: ['Cancel'],
      paraphrase: false,
    },
    'no-ui': { title: 'No dialog', body: 'The browser draws nothing. {outcome}', buttons: [], paraphrase: true },
    'firefox-passkey-autofill': {
      title: 'No dialog: "Use a passkey" in the sign-in field',
      body: 'No window opens. Clicking the username field for {site} shows Firefox\'s suggestion "Use a passkey".',
      buttons: [],
      paraphrase: true,
    },
  },
  options: {
    'windows-hello-or-key': 'Windows Hello or external security key',
    'windows-hello': 'Windows Hello',
    'external-key': 'Use an external security key',
    'phone-tablet-or-key': 'Use a phone, tablet, or security key',
    'phone-or-tablet': 'Use a phone or tablet',
    'gpm-passkey': 'Your passkey — From Google Password Manager',
    'icloud-passkey': 'Your passkey — From iCloud Keychain',
    'this-device-passkey': 'Your passkey — On this device',
    'win11-phone': 'iPhone, iPad or Android device',
    'win11-linked': 'Linked device',
    'win11-key': 'Security key',
    'win11-this-device': 'This Windows device',
    'other-device': 'Use a different passkey / another device',
    'usb-key': 'USB security key',
    'qr-key-line': 'If your passkey for {site} is on a USB security key, insert and touch it now',
    'plugin-passkey': 'Your passkey — From {provider}',
    'plugin-save': 'Save your passkey in {provider}',
    'gpm-save': 'Save in Google Password Manager',
  },
  after: {
    cancel: 'After Cancel',
    'choose-phone': 'After choosing the phone option',
    'choose-windows': 'After choosing the Windows option',
    'choose-key': 'After choosing the security key',
    'scan-qr': 'After scanning the QR code',
    timeout: 'After the timeout',
    'insert-wrong-key': 'After inserting a key that does not hold the passkey',
    dismiss: 'After dismissing',
  },
  reasons: {
    'immediate-no-local':
      'Immediate mediation never offers a phone or a security key: with no passkey on this device (or with an allow list) the browser rejects at once without any UI.',
    'conditional-no-modal':
      'Conditional mediation (autofill) never opens a modal: passkeys appear in the username field suggestions, and cancelling restarts silently.',
    'mobile-sheet':
      'On a phone the operating system draws its own passkey sheet; the Windows and Chrome desktop dialogs do not exist there.',
    'safari-key':
      'Safari adds a security-key request when transports are absent or name usb/nfc/ble, and this request points at a security key.',
    'safari-platform':
      'Safari asks the platform first: iCloud Keychain on this Mac, or a nearby iPhone/Android device through the QR flow.',
    'no-browser-layer':
      '{browser} on Windows has no passkey dialog of its own and hands the request straight to Windows, which (on {windows}) can only ask for Windows Hello or a USB security key.',
    'firefox-macos': 'Firefox from version 122 uses the macOS passkey sheet.',
    'firefox-own':
      'Firefox drives security keys itself here and shows its own "touch your security key" prompt; it cannot reach a phone.',
    'create-no-hello':
      'The site asked for a platform authenticator (authenticatorAttachment: platform) and Windows Hello is not set up on this PC.',
    'create-gpm':
      'Chrome is syncing passkeys with Google Password Manager, so it offers to save the new passkey there.',
    'create-hello': 'Windows Hello is set up, so Chrome lets Windows create the passkey on this PC.',
    'create-windows-chooser':
      'Windows 11 with the passkey dialog lets the user choose this PC, a phone (QR) or a security key.',
    'create-qr': 'Chrome offers to create the passkey on a phone through a QR code first.',
    'create-key-only':
      'The request asks for a cross-platform authenticator (and/or hints security-key) on a Windows without phone support: the only thing Windows can offer is a USB security key.',
    'hello-recognised':
      'Windows holds a matching passkey (Windows Hello), and Chrome can see it, so it goes straight to Windows Hello.',
    'gpm-synced':
      'The passkey is in Google Password Manager, which this Chrome profile syncs, so Chrome lists it itself and the Windows dialog is never needed.',
    'old-chrome-rule':
      'Chrome before version 117 jumped straight to the Windows dialog for any request that named specific credentials.',
    'windows-no-hybrid':
      '{windows} cannot talk to phones itself (no native "phone or tablet" support), so with no Windows Hello passkey the only thing its dialog can ask for is a USB security key.',
    'hint-security-key':
      'The site sent the hint "security-key", so Chrome goes straight to the Windows dialog for security keys.',
    'synced-phone':
      'Chrome knows exactly one phone signed in to the same Google account and offers to use it directly.',
    'hint-hybrid-windows':
      'The site sent the hint "hybrid", but Windows owns phone sign-in on this version, so Chrome hands over to the Windows dialog.',
    'hint-hybrid-qr':
      'The site sent the hint "hybrid": Chrome goes straight to its QR code for a phone, without the security-key line.',
    'hint-client-device':
      'The site sent the hint "client-device", so Chrome asks Windows Hello even though no passkey is on this PC.',
    'no-mechanisms':
      'Every transport the site allowed is unusable here: "internal" passkeys are not on this PC and the phone route is not allowed or not available.',
    'internal-only-transports':
      'The allow list says the passkey is only reachable as "internal" (on the device that created it), so Chrome does not even offer the phone.',
    'only-windows-button':
      'The allow list has no transports (= any transport) or names a security key, and this PC cannot reach a phone (no Bluetooth adapter or no phone support), so the Windows button is the only way left and Chrome hands over to Windows immediately.',
    'windows-owns-hybrid':
      '{windows} supports phones (hybrid) natively, so Chrome hands the whole request to the Windows passkey dialog.',
    'only-phone-option': 'Only the phone route is possible, so Chrome shows its QR code.',
    'two-mechanisms':
      'Chrome can reach the passkey in two ways (the Windows dialog, or a phone over Bluetooth), so it lists both and lets the user choose.',
    'local-passkey': 'A passkey for this account is available on this computer, so Chrome lists it.',
    'hint-security-key-desktop': 'The site sent the hint "security-key", so Chrome shows its USB security-key sheet.',
    'no-mechanisms-desktop':
      'No allowed transport works on this computer: the passkey is "internal" to another device and there is no Bluetooth for the phone route.',
    'desktop-usb-only':
      'Without Bluetooth Chrome cannot reach a phone, and the request allows USB (transports absent or usb), so a USB security key is all Chrome can ask for.',
    'bluetooth-off':
      'Bluetooth is off: Chrome lists the phone and the USB key, and choosing the phone first asks to turn Bluetooth on.',
    'qr-first': 'The phone (hybrid) route is available, so Chrome opens with its QR code sheet.',
    'origin-trial-syntax':
      'The page used the 2025 origin-trial syntax mediation: "immediate". This browser does not know that value, so the call throws a TypeError before any dialog. The shipped API is uiMode: "immediate".',
    'immediate-conditional-conflict':
      'uiMode: "immediate" cannot be combined with mediation: "conditional"; the browser refuses with NotSupportedError before any dialog.',
    'firefox-no-conditional-create':
      'Firefox has no automatic passkey upgrade (conditional create): it refuses the call with NotSupportedError at once.',
    'immediate-allow-list':
      'Immediate mode works only for a request without an allow list (empty allowCredentials); with one, the browser rejects at once without any UI.',
    'immediate-no-activation':
      'Immediate mode needs a user gesture (a click or key press that led to the call); without one the browser rejects at once.',
    'immediate-incognito':
      'In an Incognito (private) window Chrome always rejects immediate requests, so nothing is revealed about saved passkeys.',
    'immediate-rate-limit':
      'Too many immediate requests for this site (the same registrable domain, such as example.com): Chrome allows two within five seconds and ten a minute, and rejects the next ones without asking. localhost is never limited.',
    'immediate-android':
      "On Android the request goes to the phone's Credential Manager, which shows its own sheet for a passkey saved on this phone.",
    'immediate-win10-hello':
      '{windows} cannot tell Chrome silently whether Windows Hello holds a passkey, and immediate mode never opens the Windows dialog, so the Windows Hello passkey does not count and the call rejects.',
    'immediate-hello-only':
      'The only passkey Chrome knows right away is in Windows Hello, so it goes straight to the Windows Hello prompt.',
    'immediate-plugin':
      'The passkey is in {provider}, which Windows 11 runs as a passkey plugin; Windows lists it without asking, so the Windows dialog opens with it.',
    'immediate-icloud':
      'The one passkey Chrome knows right away is in iCloud Keychain, so macOS shows its own sheet for it.',
    'immediate-local':
      'Immediate mode shows only passkeys this computer knows right away (Google Password Manager on an enrolled PC, iCloud Keychain, Windows Hello on Windows 11, this computer).',
    'conditional-create-upgrade':
      'Automatic passkey upgrade: no dialog. If the user just signed in with a password saved in Google Password Manager, Chrome creates the passkey silently and only then shows a short notice; otherwise the call rejects with NotAllowedError.',
    'conditional-create-refused':
      'Automatic passkey upgrade needs a password manager that just filled a saved password (Google Password Manager); there is none here, so the call rejects with NotAllowedError without any dialog.',
    'conditional-create-android':
      'On Android the automatic passkey upgrade runs without a dialog when the user just signed in with a saved password.',
    'conditional-create-safari':
      'Safari creates the passkey in iCloud Keychain without a dialog when the user just signed in with a saved password.',
    'conditional-create-safari-refused':
      'Without iCloud Keychain passwords there is nothing to upgrade: Safari rejects the call without a dialog.',
    'firefox-autofill':
      'Conditional mediation in Firefox: no window; clicking the sign-in field offers "Use a passkey".',
    'create-no-hello-2025':
      'The site asked for a passkey on this PC only (authenticatorAttachment: platform), and Windows Hello is not set up; current Chrome offers no Windows option without it, so nothing can create the passkey.',
    'create-device-not-usable':
      'The site asked for a passkey on this computer only (authenticatorAttachment: platform), and this computer has no platform authenticator.',
    'create-desktop-key':
      'Without Bluetooth Chrome cannot reach a phone, so the only place it can create the passkey is a USB security key.',
    'create-key-hint-desktop':
      'The site sent the hint "security-key", so Chrome goes straight to its USB security-key sheet.',
    'create-plugin':
      'Windows 11 25H2 has {provider} enabled as a passkey provider, so the Windows dialog offers to save the passkey there.',
    'gpm-over-hello':
      'The account has passkeys both in Google Password Manager and in Windows Hello; for a request without an allow list Chrome prefers Google Password Manager and shows its own list.',
    'hint-security-key-chooser':
      'The site sent the hint "security-key", but {windows} does not receive hints (webauthn.dll before API v8), so the Windows passkey dialog opens with all its choices.',
    'icloud-single':
      'The one passkey for this account is in iCloud Keychain, so Chrome lets macOS show its own passkey sheet.',
    'internal-only-no-hello':
      'The allow list says the passkey is "internal" (on this PC) only, and Windows Hello is not set up, so Chrome asks to turn it on.',
    'no-mechanisms-no-hello':
      'Windows Hello is not set up, so current Chrome offers no Windows Hello button; with no Bluetooth for a phone and no USB key allowed, nothing is left.',
    'plugin-windows':
      'The passkey is in {provider}, which Windows 11 25H2 runs as a system passkey provider, so the Windows dialog offers it.',
    'turn-on-bluetooth-desktop':
      'The phone is the only way to the passkey and Bluetooth is off, so Chrome first asks to turn Bluetooth on, then shows its QR code.',
    'firefox-silent':
      'Firefox does not support mediation: "silent" for passkeys and refuses the call with NotSupportedError at once.',
    'hello-on-this-pc':
      'Windows Hello on this PC holds the passkey, so when Chrome hands over, Windows asks for your face, fingerprint or PIN instead of a USB security key.',
  },
  remedies: {
    'use-fallback':
      'Close the dialog and use another way to sign in (for example the LINE or Google login linked to your account).',
    'pick-listed-passkey': 'Pick your passkey from the list and confirm with your screen lock.',
    'pick-from-autofill': 'Click the username field and choose your passkey from the suggestions.',
    'mobile-pick': 'Confirm with your fingerprint or face on the phone.',
    'insert-key-or-cancel': 'If you own a security key, insert it; otherwise cancel and choose another way.',
    'apple-nearby': 'Choose your saved passkey, or "Other options" to use a nearby phone.',
    'cancel-then-fallback':
      'You do not need to buy a security key: press Cancel and use another sign-in method (LINE, Google, or your phone).',
    'open-system-browser': 'Open the login page in Chrome or Edge instead of this app, where the phone option exists.',
    'turn-on-hello':
      'Set up Windows Hello (Settings → Accounts → Sign-in options), or let the site create the passkey elsewhere.',
    'save-in-gpm': 'Save the passkey in Google Password Manager; it will be available on your other devices.',
    'use-hello': 'Confirm with your face, fingerprint or PIN.',
    'choose-phone-windows':
      'Choose "iPhone, iPad or Android device" and scan the QR code with the phone that has your passkey.',
    'scan-with-phone': 'Scan the QR code with the phone that holds your passkey, and keep Bluetooth on both devices.',
    'cancel-once-then-phone':
      'Press Cancel once: Chrome then shows its own list, where "Use a phone, tablet, or security key" opens a QR code for your phone.',
    'check-phone': 'Unlock the phone and tap the notification.',
    'phone-qr-elsewhere': 'Use a PC with Bluetooth, or sign in on your phone.',
    'no-key-needed': 'This dialog does not mean you need a security key. Your passkey is on your phone.',
    'bluetooth-dongle':
      'A Bluetooth adapter on this PC would let Chrome offer "Use a phone or tablet" (QR code) instead.',
    'sign-in-chrome-gpm':
      'If your passkey was made on Android, sign in to Chrome with the same Google account: the passkey then appears in Chrome directly.',
    'pick-phone-option': 'Choose "Use a phone, tablet, or security key", then scan the QR code with your phone.',
    'bluetooth-both': 'Turn Bluetooth on, on both the PC and the phone.',
    'immediate-fallback':
      'Where getClientCapabilities().immediateGet is true, call get() with uiMode: "immediate" from the sign-in button: on NotAllowedError show your own sign-in choices (passkey on a phone, LINE, Google) instead of a dialog.',
    'conditional-default': 'Make conditional UI (autocomplete="username webauthn") the default entry point.',
    'store-transports':
      'Store the transports the authenticator reported at registration and send them in allowCredentials; phones report ["hybrid","internal"], which keeps Chrome off the security-key-only route.',
    'no-security-key-hint': 'Do not send the "security-key" hint or cross-platform attachment for consumer passkeys.',
    'offer-fallback-first': 'Show your fallback logins before (not only after) the passkey dialog.',
    'attachment-any': 'Leave authenticatorAttachment unset so Google Password Manager or a phone can be used.',
    'explain-qr-copy': 'Tell users in your own page copy to pick "iPhone, iPad or Android device".',
    'hybrid-hint': 'When every credential of the account lives on a phone, send hints: ["hybrid"].',
    'client-device-only-local': 'Send the "client-device" hint only when you know a passkey exists on this device.',
    'store-real-transports':
      'Do not store or send ["internal"] alone for a passkey that lives on a phone; include "hybrid".',
    'add-hybrid-for-synced': 'For backup-eligible (synced) passkeys, add "hybrid" to the transports you send.',
    'feature-detect-hybrid':
      'Call PublicKeyCredential.getClientCapabilities(): when hybridTransport is false and the passkeys live on phones, skip the modal and offer fallbacks.',
    'use-ui-mode': 'Send uiMode: "immediate" (mediation "optional"), not the origin-trial mediation: "immediate".',
    'gate-immediate-capability':
      'Call immediate mode only when getClientCapabilities().immediateGet is true; elsewhere the member is ignored and the normal dialog opens.',
    'immediate-empty-allow-list': 'Send immediate requests without allowCredentials.',
    'immediate-on-click-only':
      "Make the immediate call once, from the sign-in button's click handler, never on page load or together with autofill.",
    'open-normal-window': 'Open the site in a normal (not private) window.',
    'conditional-create-gate':
      'Offer the automatic upgrade only when getClientCapabilities().conditionalCreate is true.',
    'conditional-create-after-password':
      'Call create({ mediation: "conditional" }) right after a password sign-in that the password manager filled.',
    'offer-explicit-create': 'Offer an explicit "Create a passkey on this device" button instead.',
    'nothing-to-do': 'Nothing to do: no dialog appears.',
    'pick-plugin-passkey': 'Choose the passkey from {provider} and confirm in its window.',
    'no-silent-mediation':
      'Do not send mediation: "silent" with publicKey; use "optional" (the default) or conditional UI.',
  },
  assumptions: {
    'windows-version': 'Windows version unknown: assumed {value} (the most common current one).',
    'browser-version': 'Browser version unknown: assumed {value}.',
    bluetooth: 'Bluetooth unknown: assumed a Bluetooth adapter that is {value}.',
    'platform-authenticator': 'Platform authenticator (Windows Hello / Touch ID) unknown: assumed {value}.',
    'synced-providers': 'Passkey sync in this browser unknown: assumed {value} (not signed in to a passkey provider).',
    'credential-location': 'Where some credentials live is unknown: assumed {value}.',
    'windows-unrecognised':
      'Windows version not recognised ({value}); spellings like "11 23H2", "11-23H2" or a build number such as 10.0.22631 are understood.',
    'windows-release': 'Windows 11 release unknown: assumed {value}.',
    'windows-build': "Windows build not in the lab's list: taken as the release before it ({value}).",
    'gpm-enrolled': 'Whether this PC is enrolled in Google Password Manager for passkeys is unknown: assumed {value}.',
    'ui-mode-ignored': 'This browser ({value}) does not know uiMode: "immediate"; the call runs as a normal request.',
    'mediation-ignored': 'This browser ({value}) has no conditional create; the call runs as a normal create().',
    'silent-mediation': 'mediation: "silent" is not defined for passkeys; treated as a normal ({value}) request.',
    'plugin-needs-25h2':
      '{value} is ignored: this assumes Windows passkey providers need Windows 11 25H2 (passkeys.dev). Some reports say 24H2 has them too after the November 2025 update.',
    'plugin-unknown': 'Passkey provider "{value}" is not in the AAGUID list; its passkeys cannot be recognised.',
    'windows-hybrid-bit':
      '{windows} receives the transports "hybrid" and "internal", and its dialog is older than "hybrid": assumed it still asks for a USB security key (user reports; not confirmed in Windows sources).',
    'saved-password-just-used':
      'Assumed a saved password for this site was just used to sign in; without one the call is refused (NotAllowedError).',
    'embedded-like-chrome':
      'An app with built-in Chromium (such as Electron) has no Chrome passkey dialogs of its own; no source says what it shows here, so this is what Chrome would show.',
  },
  eras: {
    'chromium-legacy': 'Chrome before 117: a non-empty allow list jumps straight to Windows',
    'chromium-2024':
      'Chrome 117-135 (2024): mechanism list; hints from 128, Google Password Manager on desktop from 129',
    'chromium-2025':
      'Chrome 136+ (2025+): conditional create (136+), Windows Hello-gated Windows button (about 140+), no synced phones, immediate UI mode (148+)',
    embedded: 'Embedded Chromium (Electron, in-app browsers): no Chrome dialog layer on Windows',
    safari: 'Safari: the platform sheet; no hints, no immediate mode, conditional create from 18',
    firefox:
      'Firefox: its own prompt (Windows and macOS: the system dialog); no hints, no immediate mode, no conditional create',
    mobile: "Phone or tablet: the operating system's own passkey sheet",
  },
  outcomes: {
    resolves: 'The call resolves.',
    rejects: 'The page receives {error} at once and can show its own sign-in options.',
    'pending-until-user-acts': 'The call waits until the user acts.',
    pending: 'The call stays pending until the user picks a suggestion.',
  },

  callers: {
    chrome: ['Chrome', 'Google LLC'],
    edge: ['Microsoft Edge', 'Microsoft Corporation'],
    firefox: ['Firefox', 'Mozilla Corporation'],
    embedded: ['this app', 'its publisher'],
    safari: ['Safari', 'Apple Inc.'],
  },
};

export type Catalogue = typeof en;
