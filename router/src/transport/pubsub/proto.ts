/**
 * The Pub/Sub API's gRPC interface: loads the vendored pubsub_api.proto once and gives typed
 * views of the messages and of the client the transport uses (the fake server in the tests
 * loads the same definition, so both sides speak exactly the public interface).
 *
 * Libraries: @grpc/grpc-js (the maintained pure-JS gRPC implementation, no native build) and
 * @grpc/proto-loader (loads the .proto at run time, so no generated code to keep in step).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export type ReplayPreset = 'LATEST' | 'EARLIEST' | 'CUSTOM';

/** Field names as in the .proto (keepCase). */
export interface FetchRequest {
    topic_name?: string;
    replay_preset?: ReplayPreset;
    replay_id?: Buffer;
    num_requested?: number;
    auth_refresh?: string;
}

export interface EventHeader {
    key: string;
    value: Buffer;
}

export interface ProducerEvent {
    id: string;
    schema_id: string;
    payload: Buffer;
    headers?: EventHeader[];
}

export interface ConsumerEvent {
    event: ProducerEvent | null;
    replay_id: Buffer;
}

export interface FetchResponse {
    events: ConsumerEvent[];
    latest_replay_id: Buffer;
    rpc_id: string;
    pending_num_requested: number;
}

export interface SchemaRequest {
    schema_id: string;
}

export interface SchemaInfo {
    schema_json: string;
    schema_id: string;
    rpc_id: string;
}

export interface TopicRequest {
    topic_name: string;
}

export interface TopicInfo {
    topic_name: string;
    tenant_guid: string;
    can_publish: boolean;
    can_subscribe: boolean;
    schema_id: string;
    rpc_id: string;
}

/** The three RPCs a subscriber uses (the service also has Publish, PublishStream, ManagedSubscribe). */
export interface PubSubClient extends grpc.Client {
    Subscribe(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<FetchRequest, FetchResponse>;
    GetSchema(
        request: SchemaRequest,
        metadata: grpc.Metadata,
        options: grpc.CallOptions,
        callback: (error: grpc.ServiceError | null, response?: SchemaInfo) => void
    ): grpc.ClientUnaryCall;
    GetTopic(
        request: TopicRequest,
        metadata: grpc.Metadata,
        options: grpc.CallOptions,
        callback: (error: grpc.ServiceError | null, response?: TopicInfo) => void
    ): grpc.ClientUnaryCall;
}

export type PubSubClientConstructor = new (
    address: string,
    credentials: grpc.ChannelCredentials,
    options?: grpc.ChannelOptions
) => PubSubClient;

export interface PubSubService {
    Client: PubSubClientConstructor;
    /** For servers (the tests' fake Pub/Sub API). */
    service: grpc.ServiceDefinition;
}

const PROTO_FILE = 'pubsub_api.proto';

/**
 * The vendored proto beside this module: router/src/.../proto/ in the sources, and
 * router/dist/src/.../proto/ after `npm run router:build` (router/build-assets.mjs copies it,
 * tsc does not), so router/dist runs on its own. The demo bundle keeps its copy next to it.
 */
export function protoPath(): string {
    const candidates = [path.join(__dirname, 'proto', PROTO_FILE), path.join(__dirname, PROTO_FILE)];
    const found = candidates.find((file) => existsSync(file));
    if (!found) throw new Error(`${PROTO_FILE} not found (looked in ${candidates.join(', ')}); run npm run router:build`);
    return found;
}

let loaded: PubSubService | undefined;

/** Loads the service definition once per process. */
export function loadPubSubService(): PubSubService {
    if (loaded) return loaded;
    const definition = protoLoader.loadSync(protoPath(), {
        keepCase: true,
        // replay ids and payloads stay Buffers; enums as their names; absent fields as defaults.
        enums: String,
        longs: String,
        defaults: true,
        oneofs: true
    });
    const pkg = grpc.loadPackageDefinition(definition) as unknown as { eventbus: { v1: { PubSub: grpc.ServiceClientConstructor } } };
    const ctor = pkg.eventbus.v1.PubSub;
    loaded = { Client: ctor as unknown as PubSubClientConstructor, service: ctor.service };
    return loaded;
}
