/**
 * The owner's other channel: where a real service would send an SMS, an e-mail or a letter, or where its support staff
 * would check an ID document. Identity proofing is only as strong as this channel, so it is modelled explicitly: the
 * lab hands the code to an OwnerChannel and never shows it to the browser that asked. Under `npm start` the channel is
 * the server console (the person at the terminal plays the owner); tests pass their own inbox.
 */
export interface OwnerChannelMessage {
  username: string;
  code: string;
  expiresAt: number;
}

export interface OwnerChannel {
  deliver(message: OwnerChannelMessage): void;
}

const TEXT = {
  en: {
    title: "Owner's other channel (demo: stands for an SMS, e-mail or letter to the account's owner)",
    body: 'To {username}: your identity-proofing code is {code}. It works once, in the browser that asked for it, until {time}.',
    warning:
      'If you did not ask for it, ignore it: your account stays as it is. Nobody from the lab will ever ask you for this code.',
  },
  ja: {
    title: 'アカウント所有者への別経路（デモ：SMS・メール・郵便の代わり）',
    body: '{username} さんへ：本人確認コードは {code} です。リクエストしたブラウザーで {time} まで、1 回だけ使えます。',
    warning:
      '心当たりがない場合は無視してください。アカウントはそのままです。ラボの担当者がこのコードを尋ねることはありません。',
  },
};

function ownerChannelText(message: OwnerChannelMessage): string {
  const time = new Date(message.expiresAt).toISOString().slice(11, 19) + ' UTC';
  return (['ja', 'en'] as const)
    .map((lang) => {
      const text = TEXT[lang];
      const body = text.body
        .replace('{username}', message.username)
        .replace('{code}', message.code)
        .replace('{time}', time);
      return `── ${text.title} ──\n${body}\n${text.warning}`;
    })
    .join('\n');
}

/** The console channel: written to the server's standard output whatever LOG_LEVEL says, so it is never lost. */
export const consoleOwnerChannel: OwnerChannel = {
  deliver: (message) => {
    process.stdout.write(`\n${ownerChannelText(message)}\n\n`);
  },
};
