import { requireCaller } from '@hs/kit';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { FireContext } from '../context.js';
import { FirePermission } from '../permissions.js';
import { Building } from './building.entity.js';
import { FireBuildingInput, FireFloorInput } from './building.inputs.js';
import { addBuilding, removeBuilding, sortFloors, updateBuilding, updateFloor } from './building.service.js';
import { Floor } from './floor.entity.js';
import { unansweredFireLifts } from '../sampling/layout.js';

@Resolver(() => Building)
export class BuildingResolver {
  @Authorized(FirePermission.INSPECTION_EDIT)
  @Mutation(() => Building, { description: '新增楼栋（楼层按层数生成；待签名的方案随之作废）' })
  addFireBuilding(
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('input', () => FireBuildingInput) input: FireBuildingInput,
    @Ctx() ctx: FireContext,
  ): Promise<Building> {
    return addBuilding(ctx.em, requireCaller(ctx), inspectionId, input, ctx.runtime.now);
  }

  @Authorized(FirePermission.INSPECTION_EDIT)
  @Mutation(() => Building, { description: '修改楼栋（层数变化时增减楼层，已有楼层信息保留）' })
  updateFireBuilding(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => FireBuildingInput) input: FireBuildingInput,
    @Ctx() ctx: FireContext,
  ): Promise<Building> {
    return updateBuilding(ctx.em, requireCaller(ctx), id, input, ctx.runtime.now);
  }

  @Authorized(FirePermission.INSPECTION_EDIT)
  @Mutation(() => Boolean, { description: '删除楼栋' })
  removeFireBuilding(@Arg('id', () => ID) id: string, @Ctx() ctx: FireContext): Promise<boolean> {
    return removeBuilding(ctx.em, requireCaller(ctx), id, ctx.runtime.now);
  }

  @Authorized(FirePermission.INSPECTION_EDIT)
  @Mutation(() => Floor, { description: '修改楼层消防基本信息' })
  updateFireFloor(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => FireFloorInput) input: FireFloorInput,
    @Ctx() ctx: FireContext,
  ): Promise<Floor> {
    return updateFloor(ctx.em, requireCaller(ctx), id, input, ctx.runtime.now);
  }

  @FieldResolver(() => [Floor], { description: '楼层：地下室（由深到浅）、地上楼层、屋面' })
  async floors(@Root() building: Building, @Ctx() ctx: FireContext): Promise<Floor[]> {
    return sortFloors(await ctx.loaders.floorsByBuilding.load(building.id));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: '须先回答的问题：可能需要设置消防电梯而未填写是否设有时，说明原因；否则为 null',
  })
  async fireLiftQuestion(@Root() building: Building, @Ctx() ctx: FireContext): Promise<string | null> {
    const floors = await ctx.loaders.floorsByBuilding.load(building.id);
    const [unanswered] = unansweredFireLifts(
      [{ ...building, floors: floors.map((f) => ({ ...f, items: f.items })) }],
      (await ctx.loaders.activeRule.load('active')).config,
    );
    return unanswered ? `${unanswered.reason}，可能需要设置消防电梯：请填写是否设有消防电梯` : null;
  }
}
