import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('condition')
export class Condition {
  @PrimaryColumn('text') slug!: string;
  @Column('text') name!: string;
  @Column('text', { array: true }) icd10!: string[];
  @Column('text', { array: true }) synonyms!: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
