import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FireContext } from '../context.js';
import { Signature } from './signature.entity.js';

@Resolver(() => Signature)
export class SignatureResolver {
  @FieldResolver(() => String, { nullable: true, description: '签名图片的 SHA-256' })
  imageSha256(@Root() signature: Signature): string | null {
    return signature.image ? signature.image.sha256 : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '签名图片（PNG data URL）；文件缺失或校验不符时为空' })
  async imageDataUrl(@Root() signature: Signature, @Ctx() ctx: FireContext): Promise<string | null> {
    if (!signature.image) return null;
    const bytes = await ctx.runtime.files.get(signature.image.sha256);
    return bytes ? `data:image/png;base64,${bytes.toString('base64')}` : null;
  }
}
