import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CursorQueryDto } from '../../common/cursor-query.dto';
import { Role } from '../../users/user.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FindUsersQueryDto extends CursorQueryDto {
  /** Part of the e-mail address, matched case-insensitively; without it, every account. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  email?: string;
}

export class UpdateUserDto {
  /** `association_admin` is given with POST /associations/{slug}/admins (it needs an association). */
  @IsOptional()
  @IsIn([Role.Client, Role.Therapist, Role.AssociationAdmin, Role.PlatformAdmin])
  role?: Role;

  /** true: the account cannot sign in and its tokens stop working at once; false: enabled again. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

/** An account as platform admins see it. */
export class AdminUserDto {
  id!: string;
  email!: string;
  name!: string;
  role!: Role;
  associationSlug!: string | null;
  emailVerified!: boolean;
  disabled!: boolean;
  createdAt!: string;
}

export class AdminUserPageDto {
  items!: AdminUserDto[];
  nextCursor!: string | null;
}
