import type { Post } from '../model/types.ts';
import type { PostView } from './views.ts';

/**
 * Post views made on first use. A page shows at most a handful of posts, so a dev-server refresh of
 * a 10,000-post site must not format every post's dates and links up front; a full build asks for
 * each view anyway, once.
 */
export class LazyViews extends Map<Post, PostView> {
  readonly #make: (post: Post) => PostView;

  constructor(make: (post: Post) => PostView) {
    super();
    this.#make = make;
  }

  override get(post: Post): PostView {
    let view = super.get(post);
    if (!view) {
      view = this.#make(post);
      super.set(post, view);
    }
    return view;
  }
}
