import { IConstruct } from 'constructs';
import { IAspect } from '../providers/cdktf';
import { sortedEntries } from '../lib/collections';

/** The shape every taggable provider resource has (cdktf generates `tags` and `tagsInput` for them). */
interface Taggable {
  tags: Record<string, string> | undefined;
  readonly tagsInput: Record<string, string> | undefined;
}

function isTaggable(node: IConstruct): node is IConstruct & Taggable {
  return 'tags' in node && 'tagsInput' in node;
}

/**
 * Applies the environment's required tags to every taggable resource in scope. Required tags win over a
 * resource's own tags of the same name; keys are sorted so output is stable for reviewers.
 * Reads `tagsInput` (not `tags`) to avoid a self-referencing token.
 */
export class RequiredTags implements IAspect {
  constructor(private readonly required: Readonly<Record<string, string>>) {}

  public visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    const merged: Record<string, string> = { ...(node.tagsInput ?? {}), ...this.required };
    node.tags = Object.fromEntries(sortedEntries(merged));
  }
}
