import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum ReviewStatus {
  Published = 'published',
  Pending = 'pending',
  Removed = 'removed',
}

@Entity('review')
export class Review {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') therapistId!: string;
  @Column('uuid') authorId!: string;
  @Column('smallint') rating!: number;
  @Column('text') body!: string;
  @Column('text', { nullable: true }) conditionSlug!: string | null;
  @Column('boolean') verifiedClient!: boolean;
  @Column('uuid', { nullable: true }) invitationId!: string | null;
  @Column('text') status!: ReviewStatus;
  @Column('text', { nullable: true }) statusReason!: string | null;
  @Column('text', { nullable: true }) bodyFingerprint!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
