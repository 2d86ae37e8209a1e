import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('review_response')
export class ReviewResponse {
  @PrimaryColumn('uuid') reviewId!: string;
  @Column('text') body!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
