import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MsgBody, StoredBody, bodyBytes, isGroupTipElem, previewOf, textBody, type StoredElem } from './elements';

describe('MsgBody', () => {
  it('M1 accepts Tencent-shaped text, face, location and custom elements', () => {
    const body = [
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } },
      { MsgType: 'TIMFaceElem', MsgContent: { Index: 1, Data: 'x' } },
      { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'Shenzhen', Latitude: 22.5, Longitude: 114.1 } },
      { MsgType: 'TIMCustomElem', MsgContent: { Data: 'd', Desc: 'notification' } },
    ];
    expect(MsgBody.safeParse(body).success).toBe(true);
  });

  it('M1 refuses an empty body, an unknown element type and two custom elements', () => {
    expect(MsgBody.safeParse([]).success).toBe(false);
    expect(MsgBody.safeParse([{ MsgType: 'TIMNopeElem', MsgContent: {} }]).success).toBe(false);
    const custom = { MsgType: 'TIMCustomElem', MsgContent: { Data: 'x' } };
    expect(MsgBody.safeParse([custom, custom]).success).toBe(false);
  });

  it('M2 measures the body as serialised JSON bytes', () => {
    const body = textBody('发'.repeat(10));
    expect(bodyBytes(body)).toBe(JSON.stringify(body).length + 20);
    expect(bodyBytes(textBody('x'.repeat(MAX_BODY_BYTES)))).toBeGreaterThan(MAX_BODY_BYTES);
  });

  it('previews every element type as readable text', () => {
    expect(previewOf(textBody('hello'))).toBe('hello');
    expect(previewOf([{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'Home', Latitude: 0, Longitude: 0 } }])).toBe('[Location] Home');
    expect(previewOf([{ MsgType: 'TIMCustomElem', MsgContent: { Desc: 'Order shipped' } }])).toBe('Order shipped');
  });
});

describe('server-made group elements (G5, ADR 0004 §5)', () => {
  const tip = { MsgType: 'TIMGroupTipElem', MsgContent: { Kind: 'joined', Operator: 'ann', Targets: ['bob'], Changes: {} } };
  const notice = { MsgType: 'TIMGroupSystemNoticeElem', MsgContent: { GroupId: 'team', Content: 'maintenance at 9' } };

  it('G5 tips and system notices are valid in a stored body and typed, but refused in a client MsgBody', () => {
    expect(StoredBody.safeParse([tip]).success).toBe(true);
    expect(StoredBody.safeParse([notice]).success).toBe(true);
    expect(isGroupTipElem(tip as StoredElem)).toBe(true);
    expect(MsgBody.safeParse([tip]).success).toBe(false);
    expect(MsgBody.safeParse([notice]).success).toBe(false);
  });

  it('G5 a tip of an unknown kind is not a typed tip (kept as an unknown element for display)', () => {
    const odd = { ...tip, MsgContent: { ...tip.MsgContent, Kind: 'exploded' } };
    expect(isGroupTipElem(odd as StoredElem)).toBe(false);
    expect(StoredBody.safeParse([odd]).success).toBe(true);
  });
});
