import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('review_flag')
export class ReviewFlag {
  @PrimaryColumn('uuid') reviewId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('text') reason!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) resolvedAt!: Date | null;
}
