interface Post { title: string; date?: Date }
export async function load(path: string): Promise<Post[]> {
  const posts: Post[] = [];
  return posts as Post[];
}
