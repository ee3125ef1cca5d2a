/** 1536 → "1.5 KB"; binary units, one decimal below 10. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** 75 → "1:15"; 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export type FileFamily = 'pdf' | 'doc' | 'sheet' | 'slides' | 'archive' | 'image' | 'audio' | 'video' | 'code' | 'text' | 'other';

const FAMILIES: Record<Exclude<FileFamily, 'other'>, string[]> = {
  pdf: ['pdf'],
  doc: ['doc', 'docx', 'odt', 'rtf', 'pages'],
  sheet: ['xls', 'xlsx', 'ods', 'csv', 'numbers'],
  slides: ['ppt', 'pptx', 'odp', 'key'],
  archive: ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz', 'dmg', 'iso'],
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg', 'heic', 'tif', 'tiff'],
  audio: ['mp3', 'wav', 'ogg', 'oga', 'm4a', 'aac', 'flac', 'opus', 'weba'],
  video: ['mp4', 'webm', 'mov', 'mkv', 'avi', 'm4v'],
  code: ['js', 'ts', 'tsx', 'jsx', 'json', 'html', 'css', 'py', 'go', 'rs', 'java', 'c', 'cpp', 'h', 'sh', 'xml', 'yml', 'yaml', 'sql'],
  text: ['txt', 'md', 'log'],
};

/** The extension shown on the file's icon (upper case, at most 4 letters) and its family (colour). */
export function fileTypeOf(name: string): { family: FileFamily; label: string } {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
  const family = (Object.keys(FAMILIES) as (keyof typeof FAMILIES)[]).find((f) => FAMILIES[f].includes(ext)) ?? 'other';
  return { family, label: ext && /^[a-z0-9]{1,4}$/.test(ext) ? ext.toUpperCase() : '' };
}
