/**
 * BaseStack prepares a stack without cdktf's extra full resolve (lib/stack-preparation.ts). It must wire every kind of
 * cross-stack reference exactly as cdktf's own `prepareStack` does, so the synthesized JSON stays byte-identical, and
 * it must leave plain values alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Fn, Lazy, TerraformStack, Token, Tokenization } from 'cdktf';
import type { Construct } from 'constructs';
import { prepareStackReferences } from '../../lib/stack-preparation';
import { AzurermProvider, PublicIp, ResourceGroup, Subnet, VirtualNetwork } from '../../providers/azurerm';
import { BaseStack } from '../../stacks/base-stack';

type StackClass = new (scope: Construct, id: string) => TerraformStack;

class PreparedStack extends BaseStack {}
/** Prepares nothing: what a walk that missed every token would amount to. */
class UnpreparedStack extends TerraformStack {
  public override prepareStack(): void {
    this.ensureBackendExists();
  }
}

function addProvider(stack: TerraformStack): void {
  new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000000' });
}

/** A producer stack and a consumer stack that reads its attributes in every form cdktf encodes a token. */
function defineReferences(app: App, Stack: StackClass): void {
  const producer = new Stack(app, 'producer');
  addProvider(producer);
  const group = new ResourceGroup(producer, 'group', { name: 'rg-producer', location: 'westeurope', tags: { owner: 'platform' } });
  const network = new VirtualNetwork(producer, 'network', {
    name: 'vnet-producer',
    location: group.location,
    resourceGroupName: group.name,
    addressSpace: ['10.0.0.0/16'],
    flowTimeoutInMinutes: 10,
  });

  const consumer = new Stack(app, 'consumer');
  addProvider(consumer);
  new ResourceGroup(consumer, 'string-and-map', {
    // A string token, a map token as a value, a token as a key and a Lazy value.
    name: Fn.lower(group.name),
    location: Lazy.stringValue({ produce: () => group.location }),
    tags: group.tags,
  });
  new ResourceGroup(consumer, 'token-key', { name: 'rg-keyed', location: 'westeurope', tags: { [group.id]: 'producer' } });
  new Subnet(consumer, 'list', {
    // A list token and a number token written into a string.
    name: `snet-${Token.asString(network.flowTimeoutInMinutes)}`,
    resourceGroupName: 'rg-consumer',
    virtualNetworkName: network.name,
    addressPrefixes: network.addressSpace,
  });
  const address = new PublicIp(consumer, 'number', {
    // A number token, and a nested reference.
    name: 'pip-consumer',
    location: 'westeurope',
    resourceGroupName: 'rg-consumer',
    allocationMethod: 'Static',
    idleTimeoutInMinutes: network.flowTimeoutInMinutes,
    ipTags: { [network.name]: 'tag' },
  });
  // A token object (IResolvable), not encoded into a string.
  address.addOverride('tags.lazy', Lazy.anyValue({ produce: () => group.name }));
}

function synthesize(Stack: StackClass): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-preparation-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    defineReferences(app, Stack);
    app.synth();
    const files: Record<string, string> = {};
    for (const name of ['producer', 'consumer']) files[name] = fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
    return files;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('BaseStack preparation', () => {
  const byCdktf = synthesize(TerraformStack);

  test('every kind of cross-stack reference is wired as cdktf wires it, byte for byte', () => {
    const consumer = JSON.parse(byCdktf.consumer ?? '{}') as { data?: { terraform_remote_state?: object } };
    const producer = JSON.parse(byCdktf.producer ?? '{}') as { output?: Record<string, unknown> };
    // The fixture really crosses stacks: one remote state, an output per referenced attribute.
    expect(Object.keys(consumer.data?.terraform_remote_state ?? {})).toHaveLength(1);
    expect(Object.keys(producer.output ?? {}).length).toBeGreaterThanOrEqual(6);
    expect(synthesize(PreparedStack)).toEqual(byCdktf);
  });

  test('the comparison notices a preparation that misses references', () => {
    let unprepared: Record<string, string> | string;
    try {
      unprepared = synthesize(UnpreparedStack);
    } catch (error) {
      unprepared = String(error);
    }
    expect(unprepared).not.toEqual(byCdktf);
  });

  test('a stack of plain values resolves nothing while it is prepared', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'stack-preparation-')), stackTraces: false });
    const stack = new PreparedStack(app, 'plain');
    addProvider(stack);
    new ResourceGroup(stack, 'group', { name: 'rg-plain-1e5', location: 'westeurope', tags: { owner: 'platform' } });
    const resolve = jest.spyOn(Tokenization, 'resolve');
    try {
      prepareStackReferences(stack);
      // Only the one value that looks like a number token ("1e5" in the name) is handed to cdktf.
      expect(resolve.mock.calls.map(([value]) => value as unknown)).toEqual(['rg-plain-1e5']);
    } finally {
      resolve.mockRestore();
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });
});
