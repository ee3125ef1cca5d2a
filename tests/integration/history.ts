import type { ChatMessage } from '../../shared/domain';
import type { TestCore } from '../support/core';

/** Every message of a conversation, read the way the renderer scrolls back: pages of 200 via messages:page. */
export async function allMessages(person: TestCore, conversationId: string): Promise<ChatMessage[]> {
  const pages: ChatMessage[][] = [];
  let beforeId: string | undefined;
  for (;;) {
    const page = await person.call('messages:page', { conversationId, limit: 200, ...(beforeId ? { beforeId } : {}) });
    pages.unshift(page.messages);
    if (!page.hasMore || page.messages.length === 0) break;
    beforeId = page.messages[0]?.id;
  }
  return pages.flat();
}
