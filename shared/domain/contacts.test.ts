import { describe, expect, it } from 'vitest';
import { AddSource, FriendListName, ProfileCustomKey, ProfilePatch, Remark } from './contacts';
import { requestSchemas } from '../protocol/payloads';

describe('contacts domain', () => {
  it('P1 byte limits count UTF-8 bytes (location ≤ 16 B, nick ≤ 500 B)', () => {
    expect(ProfilePatch.safeParse({ location: 'a'.repeat(16) }).success).toBe(true);
    expect(ProfilePatch.safeParse({ location: '北京市海淀区' }).success).toBe(false); // 18 bytes
    expect(ProfilePatch.safeParse({ nick: 'a'.repeat(501) }).success).toBe(false);
    expect(ProfilePatch.safeParse({ gender: 'Gender_Type_Other' }).success).toBe(false);
    expect(ProfilePatch.safeParse({ allowType: 'AllowType_Type_AllowAny' }).success).toBe(true);
  });

  it('P2 custom keys are Tag_Profile_Custom_ and 1–8 letters', () => {
    expect(ProfileCustomKey.safeParse('Tag_Profile_Custom_Test').success).toBe(true);
    expect(ProfileCustomKey.safeParse('Tag_Profile_Custom_TooLongKey').success).toBe(false);
    expect(ProfileCustomKey.safeParse('Tag_Profile_Custom_T3st').success).toBe(false);
    expect(ProfilePatch.safeParse({ custom: { Tag_Profile_Custom_Test: 'x'.repeat(501) } }).success).toBe(false);
  });

  it('R2/R4 source tag, remark ≤ 96 B, list name 1–30 B', () => {
    expect(AddSource.safeParse('AddSource_Type_Android').success).toBe(true);
    expect(AddSource.safeParse('AddSource_Type_').success).toBe(false);
    expect(AddSource.safeParse('Android').success).toBe(false);
    expect(Remark.safeParse('r'.repeat(97)).success).toBe(false);
    expect(FriendListName.safeParse('').success).toBe(false);
    expect(FriendListName.safeParse('同学同学同学同学同学同').success).toBe(false); // 33 bytes
  });

  it('R2 friend:add input is strict (no impersonating another requester)', () => {
    const input = { userId: 'bob', addSource: 'AddSource_Type_Web' };
    expect(requestSchemas['friend:add'].input.safeParse(input).success).toBe(true);
    expect(requestSchemas['friend:add'].input.safeParse({ ...input, from: 'carol' }).success).toBe(false);
  });
});
