import { z } from 'zod';
import { utf8Length } from './ids';

/**
 * Message elements in Tencent's MsgBody shape (`{ MsgType, MsgContent }`),
 * seed "Message Formats" / REST contract §3.18. More element types join this
 * union as the messaging issue lands; storage keeps the JSON as sent.
 */
export const TextElem = z.object({
  MsgType: z.literal('TIMTextElem'),
  MsgContent: z.object({ Text: z.string().min(1) }),
});

export const FaceElem = z.object({
  MsgType: z.literal('TIMFaceElem'),
  MsgContent: z.object({ Index: z.number().int(), Data: z.string().optional() }),
});

export const LocationElem = z.object({
  MsgType: z.literal('TIMLocationElem'),
  MsgContent: z.object({
    Desc: z.string(),
    Latitude: z.number().min(-90).max(90),
    Longitude: z.number().min(-180).max(180),
  }),
});

export const CustomElem = z.object({
  MsgType: z.literal('TIMCustomElem'),
  MsgContent: z.object({
    Data: z.string().optional(),
    Desc: z.string().optional(),
    Ext: z.string().optional(),
    Sound: z.string().optional(),
  }),
});

export const MsgElem = z.discriminatedUnion('MsgType', [TextElem, FaceElem, LocationElem, CustomElem]);
export type MsgElem = z.infer<typeof MsgElem>;

/** M2: a message body is at most 12 KB as serialised JSON. */
export const MAX_BODY_BYTES = 12 * 1024;

export function bodyBytes(body: readonly MsgElem[]): number {
  return utf8Length(JSON.stringify(body));
}

/** M1: a body is a non-empty array with at most one custom element, at most 12 KB. */
export const MsgBody = z
  .array(MsgElem)
  .min(1, 'A message needs at least one element.')
  .max(64)
  .refine((body) => body.filter((e) => e.MsgType === 'TIMCustomElem').length <= 1, {
    message: 'A message may hold at most one custom element.',
  });
export type MsgBody = z.infer<typeof MsgBody>;

/** The short text a conversation list shows for a message. */
export function previewOf(body: readonly MsgElem[]): string {
  return body
    .map((e) => {
      switch (e.MsgType) {
        case 'TIMTextElem':
          return e.MsgContent.Text;
        case 'TIMFaceElem':
          return '[Sticker]';
        case 'TIMLocationElem':
          return `[Location] ${e.MsgContent.Desc}`;
        case 'TIMCustomElem':
          return e.MsgContent.Desc ?? '[Custom message]';
      }
    })
    .join(' ')
    .slice(0, 200);
}

export function textBody(text: string): MsgBody {
  return [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }];
}
