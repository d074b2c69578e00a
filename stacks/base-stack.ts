import { TerraformStack } from '../providers/cdktf';
import { prepareStackReferences } from '../lib/stack-preparation';

/**
 * Base of every stack of the landing zone (and of any a team adds): cdktf's `TerraformStack`, prepared for synthesis
 * without resolving the whole stack an extra time (lib/stack-preparation.ts). The synthesized JSON is the same.
 */
export abstract class BaseStack extends TerraformStack {
  /** Creates the cross-stack outputs and remote state cdktf would, resolving only the values that hold a token. */
  public override prepareStack(): void {
    prepareStackReferences(this);
  }
}
