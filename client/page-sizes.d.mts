export interface PageSize {
  page: string;
  lang: 'en' | 'ja';
  /** The files a first visit downloads, in client/dist. */
  files: string[];
  /** Their gzip bytes, each file compressed on its own as it is sent. */
  gzip: number;
}
export function pageSizes(): PageSize[];
