import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('partner')
export class Partner {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { array: true }) allowedOrigins!: string[];
  /** SHA-256 of the whole key; null once no key was ever issued. */
  @Column('text', { nullable: true }) keyHash!: string | null;
  /** The first characters of the key, to tell keys apart in logs and support requests. */
  @Column('text', { nullable: true }) keyPrefix!: string | null;
  @Column('timestamptz', { nullable: true }) keyRevokedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
