import type { ParsedInput, RequestOutput, SearchHit } from '../../../shared/ipc';
import type { AccountContext } from '../accountContext';
import { getConversation } from '../store/tables/conversations';
import { searchMessages } from '../store/tables/messageSearch';
import { appendSearchText, getMessage, type MessageRecord } from '../store/tables/messages';
import { parseMessageId } from '../../../shared/domain';
import { toChatMessage } from './views';

/** Private-use marks around a match; the renderer turns them into <mark> (text stays text, never HTML). */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
/** Characters of context kept before the first match in a snippet. */
const LEAD = 30;
const SNIPPET_LENGTH = 120;

/**
 * M11: global search over the local store (works offline): every term a substring
 * (trigram index; CJK pairs through the bigram index), filtered by conversation, sender,
 * element kinds and time; recalled and deleted messages never match. Hits come newest
 * first, grouped by conversation in the order of their newest hit.
 */
export class SearchService {
  constructor(private readonly ctx: AccountContext) {}

  search(input: ParsedInput<'search:messages'>): RequestOutput<'search:messages'> {
    const { db, me } = this.ctx;
    const terms = input.query.split(/\s+/).filter((t) => t.length > 0);
    const found = searchMessages(db, input.query, input.limit, {
      conversationId: input.conversationId,
      from: input.from,
      kinds: input.kinds,
      since: input.since,
      until: input.until,
    });
    // The index hands out the most recently stored first; people expect the newest message first.
    found.sort((a, b) => b.time - a.time || b.rowId - a.rowId);
    const groups = new Map<string, SearchHit[]>();
    const peerReadSeqs = new Map<string, number>();
    for (const message of found) {
      let peerReadSeq = peerReadSeqs.get(message.conversationId);
      if (peerReadSeq === undefined) {
        peerReadSeq = getConversation(db, message.conversationId)?.peerReadSeq ?? 0;
        peerReadSeqs.set(message.conversationId, peerReadSeq);
      }
      const hits = groups.get(message.conversationId) ?? [];
      hits.push({ message: toChatMessage(message, me, peerReadSeq, db), snippet: snippetOf(message.text, terms) });
      groups.set(message.conversationId, hits);
    }
    return { groups: [...groups].map(([conversationId, hits]) => ({ conversationId, total: hits.length, hits })) };
  }

  /**
   * Hook for the media module: words found inside a message once it is opened (a combined
   * message's forwarded texts) become searchable with it. Ignored for a message not stored,
   * recalled or deleted.
   */
  indexRelayText(id: string, texts: readonly string[]): void {
    const key = parseMessageId(id);
    const message: MessageRecord | undefined = key ? getMessage(this.ctx.db, key.sender, key.clientMsgId) : undefined;
    const extra = texts.map((t) => t.trim()).filter((t) => t.length > 0).join('\n');
    if (!message || extra === '') return;
    appendSearchText(this.ctx.db, message.rowId, extra);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A short piece of `text` around the first match, every match wrapped in U+E000 … U+E001
 * (marks already in the text are dropped, so a message cannot fake a highlight).
 */
export function snippetOf(text: string, terms: readonly string[]): string {
  const clean = text.replace(/[\uE000\uE001]/g, '').replace(/\s+/g, ' ').trim();
  if (terms.length === 0) return clean.slice(0, SNIPPET_LENGTH);
  const pattern = new RegExp([...terms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'giu');
  const first = clean.search(pattern);
  const start = first <= LEAD ? 0 : first - LEAD;
  const end = Math.min(clean.length, start + SNIPPET_LENGTH);
  const window = clean.slice(start, end);
  const marked = window.replace(pattern, (match) => `${MARK_START}${match}${MARK_END}`);
  return `${start > 0 ? '…' : ''}${marked}${end < clean.length ? '…' : ''}`;
}
