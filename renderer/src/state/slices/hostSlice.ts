import type { HostLink } from '../../api/chatApi';
import type { Slice } from '../types';

export interface HostSlice {
  hostLink: HostLink;
  hostLinkChanged(link: HostLink): void;
}

export const createHostSlice: Slice<HostSlice> = () => (set) => ({
  hostLink: 'connecting',
  hostLinkChanged: (hostLink) => set({ hostLink }),
});
