import type { CommunityCatalog } from './community.en';

export const communityZhCN: CommunityCatalog = {
  railLabel: '社群',
};
