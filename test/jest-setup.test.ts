/** test/setup.js: cdktf's matchers, loaded on first use, still pass and fail as cdktf's own do. */
import { Testing } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';

const synth = Testing.synthScope((scope) => {
  new ResourceGroup(scope, 'rg', { name: 'rg-matchers', location: 'westeurope' });
});

test('a present resource with matching properties passes', () => {
  expect(synth).toHaveResource(ResourceGroup);
  expect(synth).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-matchers' });
});

test('an absent resource or a different property fails, with cdktf\'s message', () => {
  expect(() => expect(synth).toHaveResource(VirtualNetwork)).toThrow(/azurerm_virtual_network/);
  expect(() => expect(synth).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-other' })).toThrow(/rg-matchers/);
  expect(synth).not.toHaveResource(VirtualNetwork);
});
