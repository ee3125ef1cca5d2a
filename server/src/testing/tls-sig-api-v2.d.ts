// Types for Tencent's official Node signing library (tencentyun/tls-sig-api-v2-node), a test-only
// dependency: it ships none. Only the calls our compatibility tests make are declared.
declare module 'tls-sig-api-v2' {
  export class Api {
    constructor(sdkappid: number, key: string);
    genUserSig(userid: string, expire: number): string;
    genPrivateMapKey(userid: string, expire: number, roomid: number, privilegeMap: number): string;
  }
}
