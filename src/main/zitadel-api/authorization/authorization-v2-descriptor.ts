// `zitadel.authorization.v2.AuthorizationService` (reference §7) is not in @zitadel/proto 1.3.1,
// only its v2beta twin. Its requests and the other responses are the v2beta messages under the
// new package; only `Authorization` changed shape (nested `project` and `organization`, roles as
// `{key, displayName, group}`, field numbers of ZITADEL's proto/zitadel/authorization/v2). So the
// v2 files are derived from the v2beta FileDescriptorProtos: package renamed, `Authorization`
// rewritten, the REST annotations dropped (v2 is gRPC/Connect only). The filter messages stay
// those of zitadel.filter.v2beta (the published filter v2 lacks InIDsFilter; the wire is the same).
import { clone, createFileRegistry, type DescFile, type DescService } from '@bufbuild/protobuf';
import {
  DescriptorProtoSchema,
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FieldDescriptorProtoSchema,
  type FileDescriptorProto,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { create } from '@bufbuild/protobuf';
import { file_zitadel_authorization_v2beta_authorization } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_pb.js';
import { file_zitadel_authorization_v2beta_authorization_service } from '@zitadel/proto/zitadel/authorization/v2beta/authorization_service_pb.js';

const BETA_PACKAGE = 'zitadel.authorization.v2beta';
const V2_PACKAGE = 'zitadel.authorization.v2';
const renameType = (name: string | undefined) => name?.replace(`.${BETA_PACKAGE}.`, `.${V2_PACKAGE}.`);
const renameFile = (name: string) => name.replace('zitadel/authorization/v2beta/', 'zitadel/authorization/v2/');

type Field = { name: string; number: number; type: FieldDescriptorProto_Type; typeName?: string; repeated?: boolean };

function message(name: string, fields: Field[]) {
  return create(DescriptorProtoSchema, {
    name,
    field: fields.map((f) =>
      create(FieldDescriptorProtoSchema, {
        name: f.name,
        // Set explicitly: an unset proto2 default would name every field "" in JSON.
        jsonName: f.name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
        number: f.number,
        type: f.type,
        label: f.repeated ? FieldDescriptorProto_Label.REPEATED : FieldDescriptorProto_Label.OPTIONAL,
        ...(f.typeName !== undefined && { typeName: f.typeName }),
      }),
    ),
  });
}

const { STRING, MESSAGE, ENUM } = FieldDescriptorProto_Type;
const v2 = (name: string) => `.${V2_PACKAGE}.${name}`;

/** The v2 messages that differ from v2beta's (ZITADEL proto/zitadel/authorization/v2/authorization.proto). */
const V2_MESSAGES = [
  message('Authorization', [
    { name: 'id', number: 1, type: STRING },
    { name: 'creation_date', number: 2, type: MESSAGE, typeName: '.google.protobuf.Timestamp' },
    { name: 'change_date', number: 3, type: MESSAGE, typeName: '.google.protobuf.Timestamp' },
    { name: 'project', number: 4, type: MESSAGE, typeName: v2('Project') },
    { name: 'organization', number: 5, type: MESSAGE, typeName: v2('Organization') },
    { name: 'user', number: 6, type: MESSAGE, typeName: v2('User') },
    { name: 'state', number: 7, type: ENUM, typeName: v2('State') },
    { name: 'roles', number: 8, type: MESSAGE, typeName: v2('Role'), repeated: true },
  ]),
  message('Project', [
    { name: 'id', number: 1, type: STRING },
    { name: 'name', number: 2, type: STRING },
    { name: 'organization_id', number: 3, type: STRING },
  ]),
  message('Organization', [
    { name: 'id', number: 1, type: STRING },
    { name: 'name', number: 2, type: STRING },
  ]),
  message('Role', [
    { name: 'key', number: 1, type: STRING },
    { name: 'display_name', number: 2, type: STRING },
    { name: 'group', number: 3, type: STRING },
  ]),
];

function toV2(file: DescFile): FileDescriptorProto {
  const proto = clone(FileDescriptorProtoSchema, file.proto);
  proto.name = renameFile(proto.name);
  proto.package = V2_PACKAGE;
  proto.dependency = proto.dependency.map(renameFile);
  for (const msg of proto.messageType) {
    for (const field of msg.field) field.typeName = renameType(field.typeName) ?? '';
  }
  for (const service of proto.service) {
    for (const method of service.method) {
      method.inputType = renameType(method.inputType) ?? '';
      method.outputType = renameType(method.outputType) ?? '';
      method.options = undefined;
    }
  }
  return proto;
}

function collect(file: DescFile, into: Map<string, DescFile>): Map<string, DescFile> {
  if (!into.has(file.proto.name)) {
    into.set(file.proto.name, file);
    for (const dep of file.dependencies) collect(dep, into);
  }
  return into;
}

function buildService(): DescService {
  const messages = toV2(file_zitadel_authorization_v2beta_authorization);
  const replaced = new Set(V2_MESSAGES.map((m) => m.name));
  messages.messageType = [...messages.messageType.filter((m) => !replaced.has(m.name ?? '')), ...V2_MESSAGES];
  const service = toV2(file_zitadel_authorization_v2beta_authorization_service);
  const published = collect(file_zitadel_authorization_v2beta_authorization_service, new Map());
  const registry = createFileRegistry(service, (name) => (name === messages.name ? messages : published.get(name)));
  const found = registry.getService(`${V2_PACKAGE}.AuthorizationService`);
  if (!found) throw new Error('derived zitadel.authorization.v2.AuthorizationService is missing');
  return found;
}

export const AuthorizationServiceV2: DescService = buildService();
