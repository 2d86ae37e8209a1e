import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger refuses UPDATE and DELETE): one row per moderation decision. */
@Entity('review_moderation')
export class ReviewModeration {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid') reviewId!: string;
  @Column('text') actor!: string;
  @Column('text') decision!: string;
  @Column('text') fromStatus!: string;
  @Column('text') toStatus!: string;
  @Column('text') reason!: string;
  @Column('timestamptz', { default: () => 'clock_timestamp()' }) at!: Date;
}
