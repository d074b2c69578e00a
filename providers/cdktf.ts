/**
 * The only module that imports the cdktf core library outside tests. CDK Terrain (`cdktn`) keeps the same API,
 * so migrating means changing the module name here (and in package.json / test setup).
 */
export {
  Annotations,
  App,
  Aspects,
  AzurermBackend,
  DefaultTokenResolver,
  LocalBackend,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  Fn,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
  type IAspect,
  type ITerraformDependable,
} from 'cdktf';
