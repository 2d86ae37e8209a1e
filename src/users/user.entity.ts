import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum Role {
  Client = 'client',
  Therapist = 'therapist',
  AssociationAdmin = 'association_admin',
  PlatformAdmin = 'platform_admin',
}

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('citext') email!: string;
  @Column('text') passwordHash!: string;
  @Column('text') name!: string;
  @Column('text') role!: Role;
  @Column('uuid', { nullable: true }) associationId!: string | null;
  @Column('integer') tokenVersion!: number;
  @Column('timestamptz', { nullable: true }) emailVerifiedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) disabledAt!: Date | null;
  @Column('timestamptz', { nullable: true }) deletedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The `user` object of auth responses. */
export function publicUser(user: User) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
