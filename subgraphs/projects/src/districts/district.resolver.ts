import { type AreaGeometry, notFound } from '@hs/kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import { District } from './district.entity.js';
import { listDistricts } from './district.service.js';

/** Reference data: any signed-in caller may read it. */
@Resolver(() => District)
export class DistrictResolver {
  @Authorized()
  @Query(() => [District], { description: '黄石市及所辖区县（含边界，供地图使用）' })
  districts(@Ctx() ctx: ProjectsContext): Promise<District[]> {
    return listDistricts(ctx.em);
  }

  @Authorized()
  @Query(() => District, { nullable: true, description: '按行政区划代码查询' })
  async district(@Arg('code', () => String) code: string, @Ctx() ctx: ProjectsContext): Promise<District> {
    const district = await ctx.loaders.districtByCode.load(String(code).trim());
    if (!district) throw notFound('行政区划');
    return district;
  }

  /** `boundary` is a lazy column: present when the district was loaded for the map, else batched. */
  @FieldResolver(() => GraphQLJSON, { description: '边界（GeoJSON Polygon / MultiPolygon，经纬度，约 1 km 精度）' })
  async boundary(@Root() district: District, @Ctx() ctx: ProjectsContext): Promise<AreaGeometry> {
    if (district.boundary !== undefined) return district.boundary;
    const boundary = await ctx.loaders.districtBoundary.load(district.code);
    if (!boundary) throw notFound('行政区划');
    return boundary;
  }
}
