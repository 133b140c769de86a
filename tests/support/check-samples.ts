// What /check sends from the story's PC: Windows 10, Chrome, no Bluetooth (no hybrid), Windows Hello not set up.
export const WINDOWS_10_CHROME = {
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
  platform: 'Windows',
  platformVersion: '10.0.0',
  capabilities: { hybridTransport: false },
  uvpaa: false,
};

export const WINDOWS_10_NO_BLUETOOTH_FACTS = {
  client: WINDOWS_10_CHROME,
  secureContext: true,
  cookies: true,
  answers: { windowsHello: 'not-set-up' as const },
};
