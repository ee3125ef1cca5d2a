import { describe, expect, it } from 'vitest';
import { chatMessage } from '../../testing/fixtures';
import { abilitiesOf, copyableText } from './messageAbilities';

const WINDOW = 120_000;
const sentAt = (seq: number) => chatMessage(`m${seq}`, seq).time;

describe('message abilities', () => {
  it('M5 recall is offered for own sent messages only while the window lasts', () => {
    const own = chatMessage('m1', 1);
    expect(abilitiesOf(own, sentAt(1) + WINDOW - 1, WINDOW).recall).toBe(true);
    expect(abilitiesOf(own, sentAt(1) + WINDOW, WINDOW).recall).toBe(false);
    expect(abilitiesOf(chatMessage('m1', 1, { isOwn: false, from: 'bob' }), sentAt(1), WINDOW).recall).toBe(false);
    expect(abilitiesOf(chatMessage('p', null), Date.now(), WINDOW).recall).toBe(false);
  });

  it('M14 edit only own text; M16 report only others’; nothing but delete for a recalled message', () => {
    const image = chatMessage('m2', 2, {
      body: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1 } }],
    });
    expect(abilitiesOf(image, sentAt(2), WINDOW).edit).toBe(false);
    expect(abilitiesOf(chatMessage('m2', 2), sentAt(2), WINDOW).edit).toBe(true);
    expect(abilitiesOf(chatMessage('m2', 2), sentAt(2), WINDOW).report).toBe(false);
    expect(abilitiesOf(chatMessage('m2', 2, { isOwn: false }), sentAt(2), WINDOW).report).toBe(true);
    const recalled = abilitiesOf(chatMessage('m2', 2, { recalled: true, body: [] }), sentAt(2), WINDOW);
    expect(Object.entries(recalled).filter(([, allowed]) => allowed).map(([name]) => name)).toEqual(['deleteForMe']);
  });

  it('copies the text elements only', () => {
    expect(copyableText(chatMessage('m3', 3))).toBe('text of m3');
    expect(copyableText(chatMessage('m3', 3, { body: [{ MsgType: 'TIMFaceElem', MsgContent: { Index: 1 } }] }))).toBeNull();
  });
});
