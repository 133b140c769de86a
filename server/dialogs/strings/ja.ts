import type { Catalogue } from './en.js';

// 日本語カタログ。paraphrase: false は実際の画面の文言（dialogs.md §4、利用者の報告を含む）。

export const ja: Catalogue = {
  screens: {
    'windows-security-key': {
      title: 'Windows セキュリティ',
      body: '本人確認をしています\n{site} にサインインしてください。\nこの要求は、{publisher} によって発行された {caller} から取得されました。\nセキュリティ キーを USB ポートに挿入します。',
      buttons: ['キャンセル'],
      paraphrase: false,
    },
    'windows-hello': {
      title: 'Windows セキュリティ',
      body: '本人確認をしています\n顔、指紋、または PIN（Windows Hello）で {site} にサインインします。',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'windows-passkey-chooser': {
      title: 'Windows セキュリティ',
      body: '{site} で使うパスキーの場所を選んでください。',
      buttons: ['次へ', 'キャンセル'],
      paraphrase: true,
    },
    'chrome-mechanism-list': {
      title: '{site} へのログイン方法を選択',
      body: 'Chrome が {site} のパスキーに届く方法を一覧にしています。',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'chrome-qr': {
      title: '別のデバイスのパスキーを使用しますか？',
      body: '{site} で使うパスキーが保存されているデバイスで、この QR コードをスキャンしてください',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'chrome-security-key': {
      title: '「{site}」でセキュリティ キーを使用',
      body: 'セキュリティ キーを挿入し、タップしてください',
      buttons: ['キャンセル'],
      paraphrase: false,
    },
    'chrome-no-passkeys': {
      title: '使用できるパスキーがありません',
      body: 'このデバイスに {site} のパスキーがありません',
      buttons: ['閉じる'],
      paraphrase: true,
    },
    'chrome-passkey-list': {
      title: '{site} の保存済みパスキーを使用',
      body: 'Chrome がすでに知っている {site} のパスキーを表示しています。',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'chrome-phone-confirmation': {
      title: 'スマートフォンのパスキーを使って {site} にログイン',
      body: '同じ Google アカウントでログインしているスマートフォンに通知が届きます。スマートフォンを確認してください。',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'chrome-turn-on-bluetooth': {
      title: 'Bluetooth をオンにしますか？',
      body: 'スマートフォンのパスキーを使うには、このパソコンの Bluetooth が必要です。',
      buttons: ['オンにする', 'キャンセル'],
      paraphrase: true,
    },
    'chrome-turn-on-windows-hello': {
      title: 'Windows Hello をオンにしてください',
      body: 'パスキーでこのサイトにログインするには、設定で Windows Hello をオンにする必要があります。',
      buttons: ['閉じる'],
      paraphrase: true,
    },
    'apple-passkey-sheet': {
      title: '{site} にサインイン',
      body: 'Apple アカウントに保存されたパスキー、または近くのデバイスのパスキーを使います。',
      buttons: ['続ける', 'キャンセル'],
      paraphrase: true,
    },
    'apple-security-key': {
      title: '{site} でセキュリティキーを使用',
      body: 'セキュリティキーを挿入して有効にしてください。',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'firefox-security-key': {
      title: '{site} が登録済みのセキュリティキーでの認証を求めています',
      body: '{site} を続けるにはセキュリティキーにタッチしてください。',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'mobile-passkey-sheet': {
      title: '{site} のパスキーを使用しますか？',
      body: 'スマートフォン自身のパスキー画面：このスマートフォンに保存されたパスキー、または別のデバイス／セキュリティキー。',
      buttons: ['続ける', 'キャンセル'],
      paraphrase: true,
    },
    autofill: {
      title: 'ダイアログなし：ログイン欄の候補にパスキー',
      body: 'ウィンドウは開きません。ユーザー名欄の候補に {site} のパスキーと「別のデバイスのパスキーを使用」が表示されます。',
      buttons: [],
      paraphrase: true,
    },
    'none-rejected': {
      title: 'ダイアログなし',
      body: 'ブラウザは何も表示せず、ページは NotAllowedError を受け取ります。ページは自前のログイン方法を表示できます。',
      buttons: [],
      paraphrase: true,
    },
    'chrome-device-not-usable': {
      title: 'このデバイスはこのサイトでは使用できません',
      body: '{site} が求めた方法を、このコンピュータでは行えません。',
      buttons: ['キャンセル'],
      paraphrase: true,
    },
    'no-ui': { title: 'ダイアログなし', body: 'ブラウザは何も表示しません。{outcome}', buttons: [], paraphrase: true },
    'firefox-passkey-autofill': {
      title: 'ダイアログなし：ログイン欄の「パスキーを使用」',
      body: 'ウィンドウは開きません。{site} のユーザー名欄をクリックすると、Firefox の候補に「パスキーを使用」が出ます。',
      buttons: [],
      paraphrase: true,
    },
  },
  options: {
    'windows-hello-or-key': 'Windows Hello または外部セキュリティ キー',
    'windows-hello': 'Windows Hello',
    'external-key': '外部セキュリティ キーを使用する',
    'phone-tablet-or-key': 'スマートフォン、タブレット、またはセキュリティ キーを使用する',
    'phone-or-tablet': 'スマートフォンまたはタブレットを使用する',
    'gpm-passkey': 'あなたのパスキー — Google パスワード マネージャー',
    'icloud-passkey': 'あなたのパスキー — iCloud キーチェーン',
    'this-device-passkey': 'あなたのパスキー — このデバイス',
    'win11-phone': 'iPhone、iPad、または Android デバイス',
    'win11-linked': 'リンクされたデバイス',
    'win11-key': 'セキュリティ キー',
    'win11-this-device': 'この Windows デバイス',
    'other-device': '別のパスキー／別のデバイスを使用',
    'usb-key': 'USB セキュリティ キー',
    'qr-key-line': '{site} のパスキーが USB セキュリティ キーにある場合は、今すぐ挿入してタップしてください',
    'plugin-passkey': 'パスキー — {provider} から',
    'plugin-save': '{provider} にパスキーを保存',
    'gpm-save': 'Google パスワード マネージャーに保存',
  },
  after: {
    cancel: 'キャンセルを押した後',
    'choose-phone': 'スマートフォンの項目を選んだ後',
    'choose-windows': 'Windows の項目を選んだ後',
    'choose-key': 'セキュリティ キーを選んだ後',
    'scan-qr': 'QR コードを読み取った後',
    timeout: 'タイムアウトの後',
    'insert-wrong-key': 'パスキーの入っていないキーを挿した後',
    dismiss: '閉じた後',
  },
  reasons: {
    'immediate-no-local':
      '即時メディエーションはスマートフォンやセキュリティキーを提示しません。この端末にパスキーがない（または許可リストがある）場合、ブラウザは画面を出さずにすぐ拒否します。',
    'conditional-no-modal':
      '条件付きメディエーション（自動入力）はダイアログを開きません。パスキーはユーザー名欄の候補に出て、キャンセルしても静かにやり直されます。',
    'mobile-sheet':
      'スマートフォンでは OS 自身のパスキー画面が出ます。Windows や Chrome のパソコン用ダイアログはありません。',
    'safari-key':
      'Safari は transports が空か usb/nfc/ble を含むときにセキュリティキーの要求を加えます。この要求はセキュリティキーを指しています。',
    'safari-platform':
      'Safari はまず OS に尋ねます：この Mac の iCloud キーチェーン、または QR で近くの iPhone／Android。',
    'no-browser-layer':
      'Windows 上の {browser} には自前のパスキー画面がなく、要求をそのまま Windows に渡します。{windows} の Windows が出せるのは Windows Hello か USB セキュリティキーだけです。',
    'firefox-macos': 'Firefox 122 以降は macOS のパスキー画面を使います。',
    'firefox-own':
      'ここでは Firefox が自分でセキュリティキーを扱い、「セキュリティキーにタッチ」の画面を出します。スマートフォンには届きません。',
    'create-no-hello':
      'サイトがプラットフォーム認証器（authenticatorAttachment: platform）を求めましたが、このパソコンでは Windows Hello が設定されていません。',
    'create-gpm':
      'Chrome が Google パスワード マネージャーとパスキーを同期しているので、新しいパスキーをそこに保存するよう提案します。',
    'create-hello': 'Windows Hello が設定されているので、Chrome はこのパソコンの Windows にパスキーを作らせます。',
    'create-windows-chooser':
      'パスキー対応の Windows 11 では、このパソコン・スマートフォン（QR）・セキュリティキーから選べます。',
    'create-qr': 'Chrome はまず QR コードでスマートフォンにパスキーを作ることを提案します。',
    'create-key-only':
      '要求がクロスプラットフォーム認証器（またはヒント security-key）を求めており、スマートフォンに対応していない Windows では USB セキュリティキーしか提示できません。',
    'hello-recognised':
      'Windows に一致するパスキー（Windows Hello）があり、Chrome がそれを確認できるので、すぐに Windows Hello に進みます。',
    'gpm-synced':
      'パスキーが Google パスワード マネージャーにあり、この Chrome プロファイルが同期しているので、Chrome 自身が一覧に出します。Windows のダイアログは不要です。',
    'old-chrome-rule':
      'バージョン 117 より前の Chrome は、特定の認証情報を指定した要求では、すぐに Windows のダイアログに切り替えていました。',
    'windows-no-hybrid':
      '{windows} は自分ではスマートフォンと通信できません（「スマートフォンまたはタブレット」機能がない）。Windows Hello のパスキーもないため、ダイアログが求められるのは USB セキュリティキーだけです。',
    'hint-security-key':
      'サイトがヒント「security-key」を送ったため、Chrome はすぐにセキュリティキー用の Windows ダイアログに進みます。',
    'synced-phone':
      'Chrome は同じ Google アカウントのスマートフォンを 1 台だけ知っているので、それを直接使うよう提案します。',
    'hint-hybrid-windows':
      'サイトがヒント「hybrid」を送りましたが、この Windows ではスマートフォンでのログインを Windows が担当するため、Windows のダイアログに渡されます。',
    'hint-hybrid-qr':
      'サイトがヒント「hybrid」を送ったため、Chrome はセキュリティキーの行なしで、すぐにスマートフォン用の QR コードを表示します。',
    'hint-client-device':
      'サイトがヒント「client-device」を送ったため、このパソコンにパスキーがなくても Chrome は Windows Hello に尋ねます。',
    'no-mechanisms':
      'サイトが許可した経路はどれもここでは使えません。「internal」のパスキーはこのパソコンになく、スマートフォン経由は許可されていないか使えません。',
    'internal-only-transports':
      '許可リストではパスキーが「internal」（作成した端末の中）でしか使えないことになっているため、Chrome はスマートフォンの選択肢すら出しません。',
    'only-windows-button':
      '許可リストに transports がない（＝どの経路でもよい）か、セキュリティキーを指しています。このパソコンはスマートフォンに届かない（Bluetooth アダプターがない、または非対応）ため、残る方法は Windows のボタンだけで、Chrome はすぐに Windows に渡します。',
    'windows-owns-hybrid':
      '{windows} はスマートフォン（hybrid）に標準で対応しているため、Chrome は要求全体を Windows のパスキー ダイアログに渡します。',
    'only-phone-option': '使えるのはスマートフォン経由だけなので、Chrome は QR コードを表示します。',
    'two-mechanisms':
      'Chrome はパスキーに 2 通りで届きます（Windows のダイアログ、または Bluetooth でスマートフォン）。そのため両方を一覧にして選ばせます。',
    'local-passkey': 'このアカウントのパスキーがこのパソコンで使えるので、Chrome が一覧に出します。',
    'hint-security-key-desktop':
      'サイトがヒント「security-key」を送ったため、Chrome は USB セキュリティキーの画面を出します。',
    'no-mechanisms-desktop':
      '許可された経路がこのパソコンでは使えません。パスキーは別の端末の「internal」にあり、スマートフォン経由に必要な Bluetooth がありません。',
    'desktop-usb-only':
      'Bluetooth がないため Chrome はスマートフォンに届かず、要求が USB を許している（transports なし、または usb）ので、求められるのは USB セキュリティキーだけです。',
    'bluetooth-off':
      'Bluetooth がオフです。Chrome はスマートフォンと USB キーを一覧にし、スマートフォンを選ぶとまず Bluetooth をオンにするよう求めます。',
    'qr-first': 'スマートフォン（hybrid）経由が使えるので、Chrome は QR コードの画面から始めます。',
    'origin-trial-syntax':
      'ページが 2025 年のオリジントライアルの書き方 mediation: "immediate" を使いました。このブラウザはこの値を知らないため、ダイアログの前に TypeError になります。正式な API は uiMode: "immediate" です。',
    'immediate-conditional-conflict':
      'uiMode: "immediate" と mediation: "conditional" は同時に使えません。ブラウザはダイアログの前に NotSupportedError で断ります。',
    'firefox-no-conditional-create':
      'Firefox には自動パスキーアップグレード（conditional create）がありません。すぐに NotSupportedError で断ります。',
    'immediate-allow-list':
      'immediate モードは許可リスト（allowCredentials）が空のときだけ動きます。リストがあると、画面を出さずにすぐ拒否します。',
    'immediate-no-activation':
      'immediate モードにはユーザー操作（クリックやキー入力）が必要です。操作なしの呼び出しはすぐ拒否されます。',
    'immediate-incognito':
      'シークレット（プライベート）ウィンドウでは、保存済みパスキーの有無を漏らさないよう、Chrome は immediate 要求を常に拒否します。',
    'immediate-rate-limit':
      'このサイト（example.com のような同じ登録ドメイン）からの immediate 要求が多すぎるため、Chrome は確認せずに拒否します（5 秒以内に 2 回、1 分間に 10 回まで）。localhost には制限がありません。',
    'immediate-android':
      'Android では要求がスマートフォンの認証情報マネージャーに渡り、このスマートフォンに保存されたパスキーのシートが出ます。',
    'immediate-win10-hello':
      '{windows} は Windows Hello にパスキーがあるかを Chrome に黙って教えられず、immediate モードは Windows のダイアログを開きません。そのため Windows Hello のパスキーは数えられず、拒否されます。',
    'immediate-hello-only':
      'Chrome がすぐに分かるパスキーは Windows Hello のものだけなので、そのまま Windows Hello の確認に進みます。',
    'immediate-plugin':
      'パスキーは {provider} にあり、Windows 11 はそれをパスキープラグインとして動かしています。Windows が確認なしに一覧にするため、Windows のダイアログが開きます。',
    'immediate-icloud':
      'Chrome がすぐに分かるパスキーは iCloud キーチェーンの 1 つだけなので、macOS 自身のシートが出ます。',
    'immediate-local':
      'immediate モードは、このコンピュータがすぐに分かるパスキー（登録済み PC の Google パスワード マネージャー、iCloud キーチェーン、Windows 11 の Windows Hello、このコンピュータ）だけを表示します。',
    'conditional-create-upgrade':
      '自動パスキーアップグレード：ダイアログなし。Google パスワード マネージャーに保存したパスワードで直前にログインしていれば、Chrome が黙ってパスキーを作り、その後で短く知らせます。そうでなければ NotAllowedError で拒否します。',
    'conditional-create-refused':
      '自動パスキーアップグレードには、直前に保存済みパスワードを入力したパスワードマネージャー（Google パスワード マネージャー）が必要です。ここにはないため、ダイアログなしで NotAllowedError になります。',
    'conditional-create-android':
      'Android では、保存済みパスワードで直前にログインしていれば、自動パスキーアップグレードがダイアログなしで行われます。',
    'conditional-create-safari':
      '保存済みパスワードで直前にログインしていれば、Safari はダイアログなしで iCloud キーチェーンにパスキーを作ります。',
    'conditional-create-safari-refused':
      'iCloud キーチェーンのパスワードがないので、アップグレードするものがありません。Safari はダイアログなしで拒否します。',
    'firefox-autofill':
      'Firefox の conditional mediation：ウィンドウは出ず、ログイン欄をクリックすると「パスキーを使用」が出ます。',
    'create-no-hello-2025':
      'サイトはこの PC だけのパスキー（authenticatorAttachment: platform）を求めましたが、Windows Hello が設定されていません。今の Chrome はそのとき Windows の選択肢を出さないため、パスキーを作る手段がありません。',
    'create-device-not-usable':
      'サイトはこのコンピュータだけのパスキー（authenticatorAttachment: platform）を求めましたが、このコンピュータにはプラットフォーム認証器がありません。',
    'create-desktop-key':
      'Bluetooth がないので Chrome はスマートフォンに届かず、パスキーを作れる場所は USB セキュリティキーだけです。',
    'create-key-hint-desktop':
      'サイトがヒント "security-key" を送ったため、Chrome はすぐに USB セキュリティキーのシートを出します。',
    'create-plugin':
      'Windows 11 25H2 で {provider} がパスキー提供元として有効なので、Windows のダイアログがそこへの保存を提案します。',
    'gpm-over-hello':
      'アカウントのパスキーが Google パスワード マネージャーと Windows Hello の両方にあります。許可リストのない要求では Chrome は Google パスワード マネージャーを優先し、自分の一覧を出します。',
    'hint-security-key-chooser':
      'サイトはヒント "security-key" を送りましたが、{windows} はヒントを受け取らない（webauthn.dll API v8 より前）ため、Windows のパスキーダイアログがすべての選択肢付きで開きます。',
    'icloud-single':
      'このアカウントのパスキーは iCloud キーチェーンの 1 つだけなので、Chrome は macOS 自身のパスキーシートに任せます。',
    'internal-only-no-hello':
      '許可リストではパスキーが「internal」（この PC）だけにあるとされ、Windows Hello が設定されていないため、Chrome は Windows Hello をオンにするよう求めます。',
    'no-mechanisms-no-hello':
      'Windows Hello が設定されていないので、今の Chrome は Windows Hello のボタンを出しません。スマートフォン用の Bluetooth もなく USB キーも許可されていないため、何も残りません。',
    'plugin-windows':
      'パスキーは {provider} にあり、Windows 11 25H2 はそれをシステムのパスキー提供元として動かすので、Windows のダイアログがそれを提示します。',
    'turn-on-bluetooth-desktop':
      'パスキーに届く手段はスマートフォンだけで、Bluetooth がオフなので、Chrome はまず Bluetooth をオンにするよう求め、その後 QR コードを出します。',
    'firefox-silent':
      'Firefox はパスキーで mediation: "silent" に対応しておらず、すぐに NotSupportedError で断ります。',
    'hello-on-this-pc':
      'パスキーはこのパソコンの Windows Hello にあるので、Chrome が Windows に渡すと、Windows は USB セキュリティキーではなく顔・指紋・PIN を求めます。',
  },
  remedies: {
    'use-fallback':
      'ダイアログを閉じて、別のログイン方法（アカウントに連携した LINE や Google など）を使ってください。',
    'pick-listed-passkey': '一覧からパスキーを選び、画面ロックで確認してください。',
    'pick-from-autofill': 'ユーザー名欄をクリックし、候補からパスキーを選んでください。',
    'mobile-pick': 'スマートフォンで指紋または顔で確認してください。',
    'insert-key-or-cancel':
      'セキュリティキーをお持ちなら挿してください。お持ちでなければキャンセルして別の方法を選んでください。',
    'apple-nearby': '保存済みのパスキーを選ぶか、「その他のオプション」で近くのスマートフォンを使ってください。',
    'cancel-then-fallback':
      'セキュリティキーを買う必要はありません。「キャンセル」を押して、別のログイン方法（LINE、Google、またはスマートフォン）を使ってください。',
    'open-system-browser':
      'このアプリではなく Chrome や Edge でログインページを開いてください。スマートフォンの選択肢があります。',
    'turn-on-hello':
      'Windows Hello を設定する（設定 → アカウント → サインイン オプション）か、別の場所にパスキーを作ってください。',
    'save-in-gpm': 'Google パスワード マネージャーに保存してください。ほかの端末でも使えるようになります。',
    'use-hello': '顔、指紋、または PIN で確認してください。',
    'choose-phone-windows':
      '「iPhone、iPad、または Android デバイス」を選び、パスキーのあるスマートフォンで QR コードを読み取ってください。',
    'scan-with-phone':
      'パスキーのあるスマートフォンで QR コードを読み取ってください。両方の端末で Bluetooth をオンにしておいてください。',
    'cancel-once-then-phone':
      '一度「キャンセル」を押すと Chrome 自身の一覧が出ます。「スマートフォン、タブレット、またはセキュリティ キーを使用する」を選ぶと、スマートフォン用の QR コードが出ます。',
    'check-phone': 'スマートフォンのロックを解除して通知をタップしてください。',
    'phone-qr-elsewhere': 'Bluetooth のあるパソコンを使うか、スマートフォンでログインしてください。',
    'no-key-needed':
      'この画面は、セキュリティキーが必要という意味ではありません。あなたのパスキーはスマートフォンにあります。',
    'bluetooth-dongle':
      'このパソコンに Bluetooth アダプターがあれば、Chrome は代わりに「スマートフォンまたはタブレットを使用する」（QR コード）を出せます。',
    'sign-in-chrome-gpm':
      'Android で作ったパスキーなら、同じ Google アカウントで Chrome にログインしてください。パスキーが Chrome に直接表示されます。',
    'pick-phone-option':
      '「スマートフォン、タブレット、またはセキュリティ キーを使用する」を選び、スマートフォンで QR コードを読み取ってください。',
    'bluetooth-both': 'パソコンとスマートフォンの両方で Bluetooth をオンにしてください。',
    'immediate-fallback':
      'getClientCapabilities().immediateGet が true なら、ログインボタンから uiMode: "immediate" で get() を呼び、NotAllowedError ならダイアログの代わりに自前のログイン方法（スマートフォンのパスキー、LINE、Google）を表示してください。',
    'conditional-default': '条件付き UI（autocomplete="username webauthn"）を標準の入口にしてください。',
    'store-transports':
      '登録時に認証器が報告した transports を保存し、allowCredentials に入れて送ってください。スマートフォンは ["hybrid","internal"] を報告し、Chrome がセキュリティキーだけの経路に進むのを防ぎます。',
    'no-security-key-hint':
      '一般利用者向けのパスキーでは、ヒント「security-key」やクロスプラットフォームの指定を送らないでください。',
    'offer-fallback-first': 'パスキーのダイアログの後だけでなく、前にも代替ログインを表示してください。',
    'attachment-any':
      'authenticatorAttachment を指定せず、Google パスワード マネージャーやスマートフォンを使えるようにしてください。',
    'explain-qr-copy': 'ページの説明文で「iPhone、iPad、または Android デバイス」を選ぶよう案内してください。',
    'hybrid-hint': 'アカウントの認証情報がすべてスマートフォンにあるときは、hints: ["hybrid"] を送ってください。',
    'client-device-only-local':
      'ヒント「client-device」は、この端末にパスキーがあると分かっているときだけ送ってください。',
    'store-real-transports':
      'スマートフォンにあるパスキーの transports を ["internal"] だけで保存・送信しないでください。「hybrid」を含めてください。',
    'add-hybrid-for-synced':
      '同期可能な（backup eligible）パスキーには、送る transports に「hybrid」を加えてください。',
    'feature-detect-hybrid':
      'PublicKeyCredential.getClientCapabilities() を呼び、hybridTransport が false でパスキーがスマートフォンにしかない場合は、ダイアログを出さずに代替手段を表示してください。',
    'use-ui-mode':
      'オリジントライアルの mediation: "immediate" ではなく、uiMode: "immediate"（mediation は "optional"）を送ってください。',
    'gate-immediate-capability':
      'getClientCapabilities().immediateGet が true のときだけ immediate モードを使ってください。それ以外ではこの指定は無視され、通常のダイアログが開きます。',
    'immediate-empty-allow-list': 'immediate 要求には allowCredentials を付けないでください。',
    'immediate-on-click-only':
      'immediate の呼び出しは、ログインボタンのクリック処理から 1 回だけ行ってください。ページ読み込み時や自動入力と同時には呼ばないでください。',
    'open-normal-window': 'サイトを通常の（プライベートでない）ウィンドウで開いてください。',
    'conditional-create-gate':
      'getClientCapabilities().conditionalCreate が true のときだけ自動アップグレードを使ってください。',
    'conditional-create-after-password':
      'パスワードマネージャーが入力したパスワードでのログイン直後に create({ mediation: "conditional" }) を呼んでください。',
    'offer-explicit-create': '代わりに「このデバイスにパスキーを作成」ボタンをはっきり示してください。',
    'nothing-to-do': '何もする必要はありません。ダイアログは出ません。',
    'pick-plugin-passkey': '{provider} のパスキーを選び、そのウィンドウで確認してください。',
    'no-silent-mediation':
      'publicKey に mediation: "silent" を付けないでください。"optional"（既定）か条件付き UI を使ってください。',
  },
  assumptions: {
    'windows-version': 'Windows のバージョンが不明なため、{value}（現在最も一般的なもの）と仮定しました。',
    'browser-version': 'ブラウザのバージョンが不明なため、{value} と仮定しました。',
    bluetooth: 'Bluetooth の状態が不明なため、Bluetooth アダプターがあり {value} と仮定しました。',
    'platform-authenticator':
      'プラットフォーム認証器（Windows Hello／Touch ID）の有無が不明なため、{value} と仮定しました。',
    'synced-providers':
      'このブラウザのパスキー同期が不明なため、{value}（パスキー プロバイダーにログインしていない）と仮定しました。',
    'credential-location': '一部の認証情報の保存場所が不明なため、{value} と仮定しました。',
    'windows-unrecognised':
      'Windows のバージョンを認識できません（{value}）。「11 23H2」「11-23H2」や 10.0.22631 のようなビルド番号が使えます。',
    'windows-release': 'Windows 11 のリリースが不明：{value} と仮定しました。',
    'windows-build': 'ラボの一覧にない Windows ビルド：その前のリリース（{value}）として扱いました。',
    'gpm-enrolled': 'この PC が Google パスワード マネージャーのパスキーに登録済みか不明：{value} と仮定しました。',
    'ui-mode-ignored': 'このブラウザ（{value}）は uiMode: "immediate" を知りません。通常の要求として動きます。',
    'mediation-ignored':
      'このブラウザ（{value}）には conditional create がありません。通常の create() として動きます。',
    'silent-mediation': 'mediation: "silent" はパスキーでは定義されていません。通常の（{value}）要求として扱いました。',
    'plugin-needs-25h2':
      '{value} は無視しました。Windows のパスキー提供元には Windows 11 25H2 が要ると仮定しています（passkeys.dev）。2025 年 11 月の更新後は 24H2 でも使えるという報告もあります。',
    'plugin-unknown': 'パスキー提供元「{value}」は AAGUID 一覧にありません。そのパスキーを見分けられません。',
    'windows-hybrid-bit':
      '{windows} には transports「hybrid」「internal」が渡されますが、その画面は「hybrid」より古いものです。それでも USB セキュリティキーを求めると仮定しました（利用者の報告から。Windows の資料では未確認）。',
    'saved-password-just-used':
      'このサイトの保存済みパスワードでたった今ログインしたと仮定しました。そうでなければ要求は拒否されます（NotAllowedError）。',
    'embedded-like-chrome':
      'Chromium を組み込んだアプリ（Electron など）には Chrome のパスキー画面がありません。ここで何が出るかを示す資料はないため、Chrome なら出す画面を示しています。',
  },
  eras: {
    'chromium-legacy': 'Chrome 117 より前：許可リストがあるとすぐに Windows に移る',
    'chromium-2024':
      'Chrome 117〜135（2024 年）：方法の一覧。ヒントは 128 から、デスクトップの Google パスワード マネージャーは 129 から',
    'chromium-2025':
      'Chrome 136 以降（2025 年〜）：conditional create（136〜）、Windows Hello 設定が条件の Windows ボタン（140 前後〜）、同期スマートフォンなし、immediate UI モード（148〜）',
    embedded: '組み込み Chromium（Electron、アプリ内ブラウザ）：Windows では Chrome のダイアログ層がない',
    safari: 'Safari：プラットフォームのシート。ヒントなし、immediate モードなし、conditional create は 18 から',
    firefox:
      'Firefox：独自のプロンプト（Windows と macOS ではシステムのダイアログ）。ヒントなし、immediate モードなし、conditional create なし',
    mobile: 'スマートフォン・タブレット：OS 自身のパスキーシート',
  },
  outcomes: {
    resolves: '呼び出しは成功します。',
    rejects: 'ページはすぐに {error} を受け取り、自分のログイン方法を表示できます。',
    'pending-until-user-acts': 'ユーザーが操作するまで待ちます。',
    pending: 'ユーザーが候補を選ぶまで保留のままです。',
  },

  callers: {
    chrome: ['Chrome', 'Google LLC'],
    edge: ['Microsoft Edge', 'Microsoft Corporation'],
    firefox: ['Firefox', 'Mozilla Corporation'],
    embedded: ['このアプリ', '発行元'],
    safari: ['Safari', 'Apple Inc.'],
  },
};
