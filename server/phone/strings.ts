// The "Open on your phone" page, in Japanese and English. Terms of art (RP ID, secure context) stay in "details".
import type { PhoneProblem } from './readiness.js';

export const phoneStrings = {
  en: {
    title: 'Open on your phone',
    lead: 'Scan this code with the phone’s camera: the phone opens the lab at the same address as this PC, so a passkey made on the phone belongs to the same site.',
    qrAlt: 'QR code for {url}',
    cannotTitle: 'A phone cannot use passkeys at this address',
    why: 'Why:',
    problems: {
      localhost: '“{host}” always means the device itself: on the phone it would open the phone, not this PC.',
      'ip-address':
        '“{host}” is a bare IP address. Passkeys belong to a domain name, so browsers refuse them on an IP address.',
      'plain-http':
        'This page uses plain HTTP. Browsers offer passkeys only on HTTPS pages (plain HTTP is allowed on localhost, on the same machine only).',
      'not-configured':
        'This address is not one the lab is set up for ({origins}): the lab would refuse a passkey used here.',
    } satisfies Record<PhoneProblem, string>,
    whatToDo: 'What you can do:',
    todoHybrid:
      'Stay on this PC and use the phone through the QR code of the browser’s option that starts with “Use a phone” (the phone then confirms over Bluetooth; the lab can stay on localhost).',
    todoHttps:
      'Or give the lab an HTTPS address with a name: run “npm run cert -- lab.home.arpa”, start the lab with the command it prints, and open that address here.',
    guide: 'Step-by-step guide: docs/real-devices.md in the lab’s folder.',
    readyTitle: 'A phone can use passkeys at this address if:',
    readyTrust:
      'the phone trusts the lab’s certificate authority (once; npm run cert prints how for Android and iPhone),',
    readyResolve: 'the phone finds “{host}” (your router’s local DNS, or the tunnel’s public name),',
    readyNetwork: 'and the phone can reach this PC (same Wi-Fi, or through the tunnel).',
    caDownload: 'Download the lab’s CA certificate (ca.crt) on the phone',
    caNote: 'Only from your own network; compare its fingerprint with the one npm run cert printed: {fingerprint}',
    details: 'Details for developers',
    detailsOrigin: 'This page was reached at: {origin}',
    detailsConfigured: 'PUBLIC_ORIGIN (origins WebAuthn accepts): {origins}',
    detailsRpId:
      'RP ID: {rpId}. WebAuthn needs a secure context (HTTPS, or http://localhost) and an RP ID that is a domain name equal to, or a parent of, the page’s host.',
  },
  ja: {
    title: 'スマートフォンで開く',
    lead: 'スマートフォンのカメラでこのコードを読み取ると、この PC と同じアドレスでラボが開きます。スマートフォンで作ったパスキーが同じサイトのものになります。',
    qrAlt: '{url} の QR コード',
    cannotTitle: 'このアドレスではスマートフォンでパスキーを使えません',
    why: '理由:',
    problems: {
      localhost:
        '「{host}」は常にその端末自身を指します。スマートフォンで開くと、この PC ではなくスマートフォン自身につながります。',
      'ip-address':
        '「{host}」は IP アドレスです。パスキーはドメイン名に結び付くため、ブラウザーは IP アドレスのページではパスキーを使わせません。',
      'plain-http':
        'このページは暗号化されていない HTTP です。ブラウザーがパスキーを使わせるのは HTTPS のページだけです（HTTP は同じ PC 上の localhost だけ例外）。',
      'not-configured':
        'このアドレスはラボの設定（{origins}）に含まれていません。ここで使ったパスキーはラボが受け付けません。',
    } satisfies Record<PhoneProblem, string>,
    whatToDo: 'できること:',
    todoHybrid:
      'この PC のまま、ブラウザーの「スマートフォン」で始まる選択肢の QR コードからスマートフォンを使います（スマートフォンは Bluetooth 経由で確認します。ラボは localhost のままで構いません）。',
    todoHttps:
      'または、ラボに名前付きの HTTPS アドレスを用意します。「npm run cert -- lab.home.arpa」を実行し、表示されたコマンドでラボを起動して、そのアドレスをこの PC で開いてください。',
    guide: '手順の詳細: ラボのフォルダーの docs/real-devices.md',
    readyTitle: '次の条件がそろえば、このアドレスでスマートフォンのパスキーを使えます:',
    readyTrust:
      'スマートフォンがラボの認証局 (CA) を信頼していること（最初の 1 回だけ。Android と iPhone の手順は npm run cert が表示します）',
    readyResolve: 'スマートフォンが「{host}」を見つけられること（ルーターのローカル DNS、またはトンネルの公開名）',
    readyNetwork: 'スマートフォンからこの PC に接続できること（同じ Wi-Fi、またはトンネル経由）',
    caDownload: 'スマートフォンでラボの CA 証明書 (ca.crt) をダウンロード',
    caNote:
      '自分のネットワーク内でだけ使ってください。npm run cert が表示したフィンガープリントと照合してください: {fingerprint}',
    details: '開発者向けの詳細',
    detailsOrigin: 'このページのアドレス: {origin}',
    detailsConfigured: 'PUBLIC_ORIGIN（WebAuthn が受け付けるオリジン）: {origins}',
    detailsRpId:
      'RP ID: {rpId}。WebAuthn には安全なコンテキスト（HTTPS または http://localhost）と、ページのホストと同じか親にあたるドメイン名の RP ID が必要です。',
  },
};
