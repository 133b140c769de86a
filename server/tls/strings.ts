// What `npm run cert` prints, in Japanese and English: where the files are and how each device comes to trust the CA.

export type CertLang = 'ja' | 'en';

export const certStrings = {
  en: {
    usage:
      'Usage: npm run cert -- <hostname> [--new-ca] [--force] [--lang ja|en]\n  <hostname>: the name the PC and the phone will use, e.g. lab.home.arpa (not an IP address, not "localhost")',
    badHostname:
      'Not a usable host name: "{value}". Use a DNS name such as lab.home.arpa — passkeys need a domain name, not an IP address.',
    askReplaceCa:
      'A local CA already exists at {path}. Replacing it means every phone and PC that trusts it must trust the new one again. Replace it? [y/N] ',
    caKept:
      'The existing CA was kept (nothing changed). Run without --new-ca to issue a new server certificate from it, or add --force to replace it without asking.',
    caCreated: 'Created a new local certificate authority (CA).',
    caReused: 'Reused the existing local certificate authority (CA); devices that already trust it need nothing new.',
    caReplaced: 'Replaced the local certificate authority (CA): devices must trust the new one.',
    files: 'Files',
    caFile: 'CA certificate (give this to your devices)',
    caFileDer: 'the same for phones and Windows',
    caKeyFile: 'CA private key (keep it on this PC; mode 0600)',
    certFile: 'server certificate + CA (TLS_CERT)',
    keyFile: 'server key (TLS_KEY; mode 0600)',
    names: 'The certificate is valid for',
    fingerprint: 'CA fingerprint (SHA-256) — compare it on the device before trusting',
    start: 'Start the lab over HTTPS (the phone needs HOST=0.0.0.0 to reach it):',
    resolve:
      'Both the PC and the phone must resolve {hostname} to this PC ({address}): add a host entry on the PC and a local DNS entry in your router (a phone cannot edit its hosts file). Details: docs/real-devices.md.',
    trustTitle: 'Trust the CA on each device (once):',
    windows: [
      'Windows 10 / 11: double-click ca.crt → "Install Certificate…" → "Current User" → "Place all certificates in the following store" → Browse → "Trusted Root Certification Authorities" → Next → Finish → answer "Yes" to the security warning.',
      '  (or in a terminal: certutil -user -addstore Root ca.crt). Chrome and Edge use this store; restart the browser.',
      '  Name resolution: as administrator, add "{address} {hostname}" to C:\\Windows\\System32\\drivers\\etc\\hosts.',
    ],
    macos: [
      'macOS: double-click ca.crt → Keychain Access adds it to the "login" keychain → double-click "Passkey Dialog Lab local CA" → Trust → "When using this certificate: Always Trust" → close the window and enter your password.',
      '  (or: sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ca.crt). Name resolution: add the line to /etc/hosts.',
    ],
    android: [
      'Android (Chrome): copy ca.crt to the phone (USB, or open https://{hostname}:{port}/phone/ca.crt on the phone and accept the warning once) →',
      '  Settings → Security & privacy → More security settings → Encryption & credentials → Install a certificate → CA certificate → "Install anyway" → choose ca.crt',
      '  (menu names differ between makers: search Settings for "CA certificate"). The phone needs a screen lock. Chrome trusts user-installed CAs; restart Chrome.',
    ],
    ios: [
      'iPhone / iPad: send ca.crt by AirDrop or Mail, or open https://{hostname}:{port}/phone/ca.crt in Safari → "Profile Downloaded" →',
      '  Settings → General → VPN & Device Management → "Passkey Dialog Lab local CA" → Install (enter the passcode) →',
      '  then Settings → General → About → Certificate Trust Settings → turn on "Passkey Dialog Lab local CA". Both steps are needed.',
    ],
    remove:
      'To undo: remove "Passkey Dialog Lab local CA" from the same place on each device, and delete the data/tls folder.',
  },
  ja: {
    usage:
      '使い方: npm run cert -- <ホスト名> [--new-ca] [--force] [--lang ja|en]\n  <ホスト名>: PC とスマートフォンが使う名前（例: lab.home.arpa）。IP アドレスや "localhost" は使えません',
    badHostname:
      '"{value}" はホスト名として使えません。lab.home.arpa のような DNS 名を指定してください（パスキーには IP アドレスではなくドメイン名が必要です）。',
    askReplaceCa:
      'ローカル認証局 (CA) がすでに {path} にあります。置き換えると、これを信頼済みのスマートフォンと PC すべてで新しい CA を信頼し直す必要があります。置き換えますか？ [y/N] ',
    caKept:
      '既存の CA はそのままにしました（何も変更していません）。--new-ca を付けずに実行するとこの CA で新しいサーバー証明書を発行します。確認なしで置き換えるには --force を付けてください。',
    caCreated: 'ローカル認証局 (CA) を新しく作りました。',
    caReused: '既存のローカル認証局 (CA) を使いました。すでに信頼済みの端末では追加の作業は不要です。',
    caReplaced: 'ローカル認証局 (CA) を置き換えました。各端末で新しい CA を信頼し直してください。',
    files: 'ファイル',
    caFile: 'CA 証明書（各端末に入れるファイル）',
    caFileDer: 'スマートフォンと Windows 向けの同じ証明書',
    caKeyFile: 'CA の秘密鍵（この PC から出さないこと。権限 0600）',
    certFile: 'サーバー証明書 + CA（TLS_CERT）',
    keyFile: 'サーバーの秘密鍵（TLS_KEY。権限 0600）',
    names: '証明書が有効な名前',
    fingerprint: 'CA のフィンガープリント (SHA-256)。信頼する前に端末側の表示と照合してください',
    start: 'HTTPS でラボを起動します（スマートフォンから接続するには HOST=0.0.0.0 が必要です）:',
    resolve:
      'PC とスマートフォンの両方で {hostname} がこの PC（{address}）を指すようにしてください。PC は hosts ファイル、スマートフォンはルーターのローカル DNS に登録します（スマートフォンの hosts ファイルは編集できません）。詳しくは docs/real-devices.md。',
    trustTitle: '各端末で CA を信頼します（最初の 1 回だけ）:',
    windows: [
      'Windows 10 / 11: ca.crt をダブルクリック →「証明書のインストール」→「現在のユーザー」→「証明書をすべて次のストアに配置する」→「参照」→「信頼されたルート証明機関」→「次へ」→「完了」→ セキュリティ警告で「はい」。',
      '  （ターミナルなら: certutil -user -addstore Root ca.crt）Chrome と Edge はこのストアを使います。ブラウザーを再起動してください。',
      '  名前解決: 管理者として C:\\Windows\\System32\\drivers\\etc\\hosts に「{address} {hostname}」の行を追加します。',
    ],
    macos: [
      'macOS: ca.crt をダブルクリック →「キーチェーンアクセス」の「ログイン」に追加される →「Passkey Dialog Lab local CA」をダブルクリック →「信頼」→「この証明書を使用するとき: 常に信頼」→ ウインドウを閉じてパスワードを入力。',
      '  （または: sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ca.crt）名前解決: /etc/hosts に行を追加します。',
    ],
    android: [
      'Android（Chrome）: ca.crt をスマートフォンにコピー（USB、またはスマートフォンで https://{hostname}:{port}/phone/ca.crt を開き、警告を 1 回だけ許可）→',
      '  設定 → セキュリティとプライバシー → その他のセキュリティ設定 → 暗号化と認証情報 → 証明書のインストール → CA 証明書 →「インストールする」→ ca.crt を選ぶ',
      '  （メニュー名は機種によって異なります。設定の検索で「CA 証明書」を探してください）画面ロックの設定が必要です。Chrome はユーザーが入れた CA を信頼します。Chrome を再起動してください。',
    ],
    ios: [
      'iPhone / iPad: ca.crt を AirDrop かメールで送るか、Safari で https://{hostname}:{port}/phone/ca.crt を開く →「プロファイルがダウンロードされました」→',
      '  設定 → 一般 → VPN とデバイス管理 →「Passkey Dialog Lab local CA」→ インストール（パスコードを入力）→',
      '  続けて 設定 → 一般 → 情報 → 証明書信頼設定 →「Passkey Dialog Lab local CA」をオンにします。両方の手順が必要です。',
    ],
    remove:
      '元に戻すには: 各端末の同じ場所から「Passkey Dialog Lab local CA」を削除し、data/tls フォルダーを消します。',
  },
} satisfies Record<CertLang, Record<string, string | string[]>>;
