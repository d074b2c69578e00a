import { Testing } from 'cdktf';
import { UserAssignedIdentity, UserAssignedIdentityProps } from '../../constructs/access/user-assigned-identity';
import { AzurermUserAssignedIdentity } from '../../providers/azurerm';
import { onlyResource, parse, referenceTo, rendered, TEST_RESOURCE_GROUP } from '../helpers';

const PROPS: UserAssignedIdentityProps = { resourceGroup: TEST_RESOURCE_GROUP, name: 'id-shop-test-weu' };

function synthIdentity(props: Partial<UserAssignedIdentityProps> = {}): string {
  return Testing.synthScope((scope) => {
    new UserAssignedIdentity(scope, 'Identity', { ...PROPS, ...props });
  });
}

describe('UserAssignedIdentity', () => {
  test('defines the identity in the resource group and its location', () => {
    expect(onlyResource(parse(synthIdentity()), 'azurerm_user_assigned_identity')).toEqual({
      name: 'id-shop-test-weu',
      resource_group_name: 'rg-test',
      location: 'westeurope',
    });
  });

  test('passes an explicit location and tags through', () => {
    expect(synthIdentity({ location: 'northeurope', tags: { workload: 'shop' } })).toHaveResourceWithProperties(AzurermUserAssignedIdentity, {
      location: 'northeurope',
      tags: { workload: 'shop' },
    });
  });

  test('is a service principal whose IDs are references to the identity resource', () => {
    const { synth, values } = rendered((scope) => {
      const identity = new UserAssignedIdentity(scope, 'Identity', PROPS);
      expect(identity.principalType).toBe('ServicePrincipal');
      return { id: identity.identityId, principalId: identity.principalId, clientId: identity.clientId };
    });
    const reference = (attribute: string) => referenceTo(synth, 'azurerm_user_assigned_identity', 'id-shop-test-weu', attribute);
    expect(values).toEqual({ id: reference('id'), principalId: reference('principal_id'), clientId: reference('client_id') });
  });

  test.each([
    ['3 characters', 'id1'],
    ['128 characters', `id-${'a'.repeat(125)}`],
    ['underscores and a leading digit', '1_id_shop'],
  ])('accepts a name of %s', (_case, name) => {
    expect(synthIdentity({ name })).toHaveResourceWithProperties(AzurermUserAssignedIdentity, { name });
  });

  test.each([
    ['too short', 'id'],
    ['too long', `id-${'a'.repeat(126)}`],
    ['starting with a hyphen', '-id-shop'],
    ['starting with an underscore', '_id-shop'],
    ['with a period', 'id.shop'],
    ['with a space', 'id shop'],
  ])('fails on a name %s', (_case, name) => {
    expect(() => synthIdentity({ name })).toThrow(
      `UserAssignedIdentity '${name}': names are 3-128 letters, digits, hyphens and underscores, starting with a letter or digit`,
    );
  });
});
