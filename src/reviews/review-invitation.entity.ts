import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('review_invitation')
export class ReviewInvitation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') therapistId!: string;
  @Column('text') codeHash!: string;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) usedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
