import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsNotCommonPassword } from '../../auth/password-policy';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class CreateAssociationDto {
  /** Lower-case words joined by dashes, e.g. `nmt-center`. */
  @IsString()
  @MaxLength(60)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case letters and digits joined by single dashes',
  })
  slug!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string;

  /** The credential types the association issues, e.g. `["CNMT"]`. */
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  credentialTypes!: string[];
}

export class AssociationDto {
  slug!: string;
  name!: string;
  website!: string | null;
  credentialTypes!: string[];
}

export class AssociationListDto {
  items!: AssociationDto[];
  @ApiProperty({ type: 'null', description: 'Always null: every association comes at once.' })
  nextCursor!: null;
}

export class CreateAssociationAdminDto {
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  /** 8–128 characters; commonly used passwords are refused. */
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  @IsNotCommonPassword()
  password!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class AssociationAdminDto {
  id!: string;
  email!: string;
  name!: string;
  role!: string;
  associationSlug!: string;
}
