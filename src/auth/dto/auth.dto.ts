import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../users/user.entity';
import { IsNotCommonPassword } from '../password-policy';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
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

  /** Only `client` and `therapist` can sign up; admins are created by platform admins. */
  @IsIn([Role.Client, Role.Therapist])
  role!: Role.Client | Role.Therapist;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class LoginDto {
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(128)
  password!: string;
}

export class RefreshDto {
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}

export class LogoutDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class UserDto {
  id!: string;
  email!: string;
  name!: string;
  role!: Role;
}

export class AuthResponseDto {
  user!: UserDto;
  accessToken!: string;
  refreshToken!: string;
}

export class MeDto extends UserDto {
  associationSlug?: string;
  /** Whether the account's e-mail address is confirmed (POST /auth/email-verification/confirm). */
  emailVerified!: boolean;
}
