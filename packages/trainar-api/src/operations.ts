/**
 * @module The TrainAR operation registry: every Tenant REST API operation, in one list. REST
 * routes, OpenAPI and hosted MCP tools are derived from it; `operations.test.ts` fails when an
 * operation file is not listed here.
 */
import type { AnyOperation } from '@platform/kit';
import createApiKey from './operations/api-keys/create-api-key';
import listApiKeys from './operations/api-keys/list-api-keys';
import revokeApiKey from './operations/api-keys/revoke-api-key';
import getAccount from './operations/account/get-account';
import getAccountSettings from './operations/account/get-account-settings';
import updateAccount from './operations/account/update-account';
import deactivateUser from './operations/users/deactivate-user';
import deleteUser from './operations/users/delete-user';
import getUser from './operations/users/get-user';
import inviteUser from './operations/users/invite-user';
import listUsers from './operations/users/list-users';
import reactivateUser from './operations/users/reactivate-user';
import updateUser from './operations/users/update-user';
import updateUserRole from './operations/users/update-user-role';
import listKnowledge from './operations/knowledge/list-knowledge';
import getKnowledge from './operations/knowledge/get-knowledge';
import uploadKnowledge from './operations/knowledge/upload-knowledge';
import uploadKnowledgeFile from './operations/knowledge/upload-knowledge-file';
import bulkUploadKnowledgeFiles from './operations/knowledge/bulk-upload-knowledge-files';
import processKnowledge from './operations/knowledge/process-knowledge';
import searchKnowledge from './operations/knowledge/search-knowledge';
import updateKnowledgeFile from './operations/knowledge/update-knowledge-file';
import deleteKnowledge from './operations/knowledge/delete-knowledge';
import listKnowledgeCollections from './operations/knowledge/list-knowledge-collections';
import getKnowledgeCollection from './operations/knowledge/get-knowledge-collection';
import createKnowledgeCollection from './operations/knowledge/create-knowledge-collection';
import updateKnowledgeCollection from './operations/knowledge/update-knowledge-collection';
import deleteKnowledgeCollection from './operations/knowledge/delete-knowledge-collection';

export const ops = {
  listUsers,
  getUser,
  inviteUser,
  updateUser,
  updateUserRole,
  deactivateUser,
  reactivateUser,
  deleteUser,
  getAccount,
  updateAccount,
  getAccountSettings,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  listKnowledge,
  getKnowledge,
  uploadKnowledge,
  uploadKnowledgeFile,
  bulkUploadKnowledgeFiles,
  processKnowledge,
  searchKnowledge,
  updateKnowledgeFile,
  deleteKnowledge,
  listKnowledgeCollections,
  getKnowledgeCollection,
  createKnowledgeCollection,
  updateKnowledgeCollection,
  deleteKnowledgeCollection,
};

export const operations: AnyOperation[] = Object.values(ops);
