/**
 * Benchmark floor: the smallest useful cdktf app (one stack, the azurerm provider, one resource group), synthesized
 * into CDKTF_OUTDIR (default cdktf.out). Run by bench/bench.ts; not part of the landing zone.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { App, TerraformStack } from '../providers/cdktf';

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out', stackTraces: false });
const stack = new TerraformStack(app, 'floor');
new AzurermProvider(stack, 'azurerm', { features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000000' });
new ResourceGroup(stack, 'rg', { name: 'rg-bench-floor', location: 'westeurope' });
app.synth();
