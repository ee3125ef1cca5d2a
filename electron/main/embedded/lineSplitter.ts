/**
 * Turns a byte stream into whole lines: a chunk may end mid-line, and the
 * rest of that line arrives with the next chunk. `flush` emits what is left.
 */
export function createLineSplitter(onLine: (line: string) => void): { push(chunk: Buffer | string): void; flush(): void } {
  let carry = '';
  const emit = (line: string) => {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed.trim() !== '') onLine(trimmed);
  };
  return {
    push(chunk) {
      const lines = (carry + chunk.toString()).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) emit(line);
    },
    flush() {
      const rest = carry;
      carry = '';
      emit(rest);
    },
  };
}
